package io.github.djlsuite.core.model;

/** What shape of task a dataset poses; an architecture names the kinds it can train on. */
public enum DataKind {
    /** Fixed-length float feature vectors with a class label (flattened images, tables). */
    VECTORS("feature vectors with class labels (images, tables)"),
    /** One graph, node classification with train/validation/test masks. */
    GRAPH("node classification on one graph"),
    /** Click-through-rate rows: categorical, numeric and sequence fields with 0/1 labels. */
    CTR("CTR rows (categorical, numeric and sequence fields, 0/1 labels)"),
    /** Token sequences. */
    TOKENS("token sequences");

    private final String description;

    DataKind(String description) {
        this.description = description;
    }

    /** One line for listings and error messages. */
    public String description() {
        return description;
    }
}
