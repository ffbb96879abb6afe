package io.github.djlsuite.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void listsAllSixtyPapersOfTheSharedCatalogue() throws IOException {
        Catalog c = Catalog.load();
        assertEquals(60, c.entries().size());
        Path shared = Path.of(System.getProperty("suite.root", ".")).resolve("../shared/papers/catalog.txt");
        if (Files.isRegularFile(shared)) { // the shared specs are beside the checkout in CI
            List<String> ids = Files.readAllLines(shared).stream().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split(" \\| ")[0].trim()).collect(Collectors.toList());
            assertEquals(ids, c.entries().stream().map(Catalog.Entry::id).toList());
        }
    }

    @Test
    void unknownIdSuggestsTheClosest() {
        Catalog c = Catalog.load();
        assertEquals("skan", c.closest("skn", 1).get(0));
        assertEquals("finalmlp", c.closest("finalmpl", 1).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.require("hopfeild"));
        assertTrue(e.getMessage().contains("hopfield"), e.getMessage());
    }

    @Test
    void markdownTableHasOneRowPerPaper() {
        String md = Catalog.load().markdownTable();
        assertEquals(62, md.split("\n").length, "header, separator and 60 rows");
    }
}
