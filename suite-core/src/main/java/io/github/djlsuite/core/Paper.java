package io.github.djlsuite.core;

/**
 * A paper's citation, as a reproduction reports it.
 *
 * @param id      the suite's id, e.g. {@code skan}
 * @param title   the paper's title
 * @param authors the authors, "First, Second, ..."
 * @param venue   venue or preprint server
 * @param year    publication year
 * @param link    arXiv or DOI link
 */
public record Paper(String id, String title, String authors, String venue, int year, String link) {

    /** "Authors (year). Title. Venue. link" */
    public String citation() {
        return authors + " (" + year + "). " + title + ". " + venue + ". " + link;
    }
}
