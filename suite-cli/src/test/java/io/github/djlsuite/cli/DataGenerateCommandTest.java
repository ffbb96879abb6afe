package io.github.djlsuite.cli;

import static io.github.djlsuite.cli.SuiteCliTest.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.cli.SuiteCliTest.Result;
import io.github.djlsuite.datasets.ctr.CtrCsv;
import io.github.djlsuite.datasets.ctr.CtrData;
import io.github.djlsuite.datasets.ctr.CtrSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite data generate ctr-planted}: files another tool can read, and our own CSV reader reads back. */
class DataGenerateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesPlantedLogsThatTheCsvReaderLoadsBack() throws Exception {
        Path out = tmp.resolve("planted");
        Result r = suite("data", "generate", "ctr-planted", "--rows", "2000", "--out", out.toString(), "--seed", "3");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"train.csv", "valid.csv", "test.csv", "schema.json", "ground_truth.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        CtrData data = CtrCsv.load(out.resolve("train.csv"), out.resolve("valid.csv"), out.resolve("test.csv"),
                CtrSchema.read(out.resolve("schema.json")), 0);
        assertEquals(2000, data.trainRows() + data.validRows() + data.testRows());
        assertEquals(12, data.layout().numCategorical());
        assertEquals(1, data.layout().numTasks());

        // same seed, same bytes; the planted data is reproducible across machines
        Path again = tmp.resolve("again");
        assertEquals(0, suite("data", "generate", "ctr-planted", "--rows", "2000", "--out", again.toString(),
                "--seed", "3").code());
        assertEquals(Files.readString(out.resolve("train.csv")), Files.readString(again.resolve("train.csv")));
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        assertEquals(2, suite("data", "generate", "ctr-planted", "--rows", "2000").code(), "no --out");
        assertEquals(2, suite("data", "generate", "ctr-pl", "--out", tmp.resolve("x").toString()).code());
        assertEquals(2, suite("data", "generate", "ctr-planted", "--rows", "ten", "--out",
                tmp.resolve("y").toString()).code());
        Files.writeString(tmp.resolve("keep.txt"), "user data");
        Result full = suite("data", "generate", "ctr-planted", "--rows", "1000", "--out", tmp.toString());
        assertEquals(2, full.code());
        assertTrue(full.err().contains("not empty"), full.err());
        assertEquals("user data", Files.readString(tmp.resolve("keep.txt")));
    }
}
