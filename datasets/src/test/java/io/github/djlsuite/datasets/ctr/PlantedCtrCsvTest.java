package io.github.djlsuite.datasets.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planted logs written as CSV + schema read back with the same vocabularies and clicks. */
class PlantedCtrCsvTest {

    @TempDir
    Path tmp;

    private static CtrData readBack(Path dir) throws IOException {
        return CtrCsv.load(dir.resolve("train.csv"), dir.resolve("valid.csv"), dir.resolve("test.csv"),
                CtrSchema.read(dir.resolve("schema.json")), 0);
    }

    @Test
    void plantedDataRoundTrip() throws IOException {
        PlantedCtr.Data data = PlantedCtr.generate(new int[] {5, 4, 6}, 2000, 0, 1, -0.5, 0.5, 1.5, 9);
        PlantedCtrCsv.Written w = PlantedCtrCsv.write(data, tmp, 3);
        assertEquals(2000, w.train() + w.valid() + w.test());
        CtrData d = readBack(tmp);
        assertEquals(w.train(), d.trainRows());
        assertEquals(w.valid(), d.validRows());
        assertEquals(w.test(), d.testRows());
        assertEquals(200, d.testRows(), "10% of each class, rounded");
        assertEquals(List.of("C1", "C2", "C3"), d.layout().categoricalNames());
        assertArrayEquals(new int[] {7, 6, 8}, d.layout().categoricalVocab(), "every value is in train, + PAD, OOV");
        int clicks = Arrays.stream(data.labels()).sum();
        assertEquals(clicks, d.train().positives(0) + d.valid().positives(0) + d.test().positives(0));
        assertEquals(Math.round(clicks * 0.1), d.test().positives(0));
        // every encoded id maps back to the value written in the file
        List<String> lines = Files.readAllLines(tmp.resolve("train.csv"));
        assertEquals("click,p_true,C1,C2,C3", lines.get(0));
        for (int i = 0; i < d.trainRows(); i++) {
            String[] p = lines.get(i + 1).split(",");
            for (int f = 0; f < 3; f++) {
                assertEquals(p[f + 2], d.encoder().vocabulary("C" + (f + 1)).get(d.train().categorical(i, f) - 2));
            }
            assertEquals(Float.parseFloat(p[0]), d.train().label(i, 0));
        }
        JsonObject truth = JsonParser.parseString(Files.readString(tmp.resolve("ground_truth.json"))).getAsJsonObject();
        assertEquals(data.bias(), truth.get("bias").getAsDouble());
        assertEquals(data.fieldEffects()[2][5], truth.getAsJsonArray("main_effects").get(2).getAsJsonArray().get(5)
                .getAsDouble());
        JsonObject x = truth.getAsJsonArray("interactions").get(0).getAsJsonObject();
        assertEquals(1.5, x.get("scale").getAsDouble());
        assertEquals(data.interactionB()[3], x.getAsJsonArray("factors").get(1).getAsJsonArray().get(3).getAsDouble());
        JsonObject test = truth.getAsJsonObject("splits").getAsJsonObject("test");
        assertEquals(200, test.get("rows").getAsInt());
        assertEquals(d.test().positives(0), test.get("clicks").getAsInt());
        assertTrue(test.get("bayes_log_loss").getAsDouble() < test.get("base_rate_log_loss").getAsDouble());
    }

    @Test
    void finalMlpLogsRoundTrip() throws IOException {
        PlantedCtr.Logs logs = PlantedCtr.finalMlp(4000, 5);
        PlantedCtrCsv.Written w = PlantedCtrCsv.write(logs, tmp, 1);
        CtrData d = readBack(tmp);
        assertEquals(12, d.layout().numCategorical());
        List<String> lines = Files.readAllLines(tmp.resolve("train.csv"));
        assertEquals(w.train() + 1, lines.size());
        for (int f = 0; f < 12; f++) {
            Set<String> seen = new HashSet<>();
            for (String line : lines.subList(1, lines.size())) {
                seen.add(line.split(",")[f + 2]);
            }
            assertEquals(seen.size() + 2, d.layout().vocab(f), "field " + f + ": distinct training values + 2");
            assertTrue(d.layout().vocab(f) <= logs.vocabSizes()[f] + 2);
        }
        assertEquals(Arrays.stream(logs.labels()).sum(),
                d.train().positives(0) + d.valid().positives(0) + d.test().positives(0));
        JsonObject truth = JsonParser.parseString(Files.readString(tmp.resolve("ground_truth.json"))).getAsJsonObject();
        assertEquals(3, truth.getAsJsonArray("interactions").size());
        assertEquals(3, truth.getAsJsonArray("interactions").get(2).getAsJsonObject().getAsJsonArray("fields").size());
        assertEquals(0.3, truth.get("noise_std").getAsDouble());
        // p_true column is the generator's probability, bit for bit
        String[] first = lines.get(1).split(",");
        double p = Double.parseDouble(first[1]);
        assertTrue(Arrays.stream(logs.probabilities()).anyMatch(q -> q == p));
    }
}
