package io.github.djlsuite.cli;

import static io.github.djlsuite.cli.SuiteCliTest.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.cli.SuiteCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite data download}; no test here needs the network (the shared snapshot has every dataset). */
class DataDownloadCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aDatasetAlreadyVerifiedInTheSearchPathIsNotFetched() {
        Result r = suite("data", "download", "criteo-sample", "--data", tmp.toString(), "--no-progress");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("already present") && r.out().contains("criteo-sample"), r.out());
        assertFalse(Files.exists(tmp.resolve("criteo-sample")), "nothing written to --data");
    }

    @Test
    void allChecksEveryDatasetAndFetchesNothingThatIsPresent() {
        // every dataset is in SUITE_DATA (the shared snapshot), converted ones included, so nothing is fetched;
        // DatasetDownloaderTest covers the downloads themselves against a local server
        Result all = suite("data", "download", "--all", "--no-progress");
        assertEquals(0, all.code(), all.out() + all.err());
        assertEquals(23, all.out().lines().filter(l -> l.contains("already present")).count(), all.out());
    }

    @Test
    void usageErrors() {
        Result terms = suite("data", "download", "movielens-100k", "--data", tmp.toString());
        assertEquals(2, terms.code(), terms.out() + terms.err());
        assertTrue(terms.err().contains("https://grouplens.org/datasets/movielens/")
                && terms.err().contains("--accept-terms"), terms.err());
        assertEquals(1, terms.err().lines().count(), terms.err());
        assertEquals(2, suite("data", "download", "imagenet").code());
        assertEquals(2, suite("data", "download").code());
        assertEquals(2, suite("data", "download", "cora", "--mirror", "::bad").code());
        assertEquals(0, suite("data", "download", "--help").code());
    }
}
