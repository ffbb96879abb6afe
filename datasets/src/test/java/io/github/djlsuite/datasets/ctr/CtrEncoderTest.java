package io.github.djlsuite.datasets.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.ctr.CtrEncoder.Encoded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-computed encodings of a 3-row training file and a 1-row test file. */
class CtrEncoderTest {

    static final String SCHEMA = """
            {"fields": [
              {"name": "y", "role": "label"},
              {"name": "item", "role": "categorical"},
              {"name": "shop", "role": "categorical", "min_count": 2},
              {"name": "age", "role": "numeric", "transform": "standard"},
              {"name": "raw", "role": "numeric", "transform": "none"},
              {"name": "cnt", "role": "numeric", "transform": "log"},
              {"name": "hist", "role": "sequence", "separator": "|", "max_length": 3, "share_vocab": "item"},
              {"name": "tags", "role": "sequence", "separator": " ", "max_length": 2}
            ]}
            """;
    static final String HEADER = "y,item,shop,age,raw,cnt,hist,tags\n";
    static final String TRAIN = HEADER
            + "1,a,s1,20,1.5,1,b|a|c|a,t1 t2 t3\n"
            + "0,b,s1,30,,100,a,t2\n"
            + "0,a,s2,,-2,,,\n";
    static final String TEST = HEADER + "1,z,s2,35,0,3,z|b,t9\n";

    @TempDir
    Path tmp;
    CtrData data;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(tmp.resolve("schema.json"), SCHEMA);
        Files.writeString(tmp.resolve("train.csv"), TRAIN);
        Files.writeString(tmp.resolve("test.csv"), TEST);
        data = CtrCsv.load(tmp.resolve("train.csv"), tmp.resolve("test.csv"), tmp.resolve("test.csv"),
                CtrSchema.read(tmp.resolve("schema.json")), 0);
    }

    @Test
    void layoutFollowsTheSchema() {
        CtrLayout l = data.layout();
        assertEquals(List.of("item", "shop", "cnt"), l.categoricalNames());
        // item: a (2 + 3 in hist), b (1 + 1), c (hist only) -> 3 known + PAD + OOV; shop: s1 only (min_count 2)
        assertArrayEquals(new int[] {5, 3, 4}, l.categoricalVocab());
        assertEquals(List.of("age", "raw"), l.numericNames());
        assertEquals(List.of(new CtrLayout.Sequence("hist", 5, 3, 0), new CtrLayout.Sequence("tags", 5, 2, -1)),
                l.sequences());
        assertEquals(List.of("y"), l.labelNames());
        assertEquals(List.of("a", "b", "c"), data.encoder().vocabulary("item"));
        assertEquals(List.of("a", "b", "c"), data.encoder().vocabulary("hist"));
        assertEquals(List.of("s1"), data.encoder().vocabulary("shop"));
        assertEquals(List.of("=1", "ln2:21"), data.encoder().vocabulary("cnt"));
        assertEquals(List.of("t2", "t1", "t3"), data.encoder().vocabulary("tags"));
        assertEquals(3, data.trainRows());
        assertEquals(1, data.testRows());
        assertTrue(data.caveat().isEmpty());
    }

    @Test
    void trainingRowsEncodeByHand() {
        Encoded t = data.train();
        assertArrayEquals(new int[] {2, 2, 2, /**/ 3, 2, 3, /**/ 2, 1, 0}, t.categorical());
        // age: mean 25, std 5 (population) from the training rows; missing -> 0
        assertArrayEquals(new float[] {-1f, 1.5f, /**/ 1f, 0f, /**/ 0f, -2f}, t.numeric());
        // hist keeps the 3 most recent of b|a|c|a; right-padded with PAD
        assertArrayEquals(new int[] {2, 4, 2}, t.sequence(0, 0));
        assertArrayEquals(new int[] {2, 0, 0}, t.sequence(0, 1));
        assertArrayEquals(new int[] {0, 0, 0}, t.sequence(0, 2));
        assertArrayEquals(new int[] {2, 4}, t.sequence(1, 0));
        assertArrayEquals(new int[] {2, 0}, t.sequence(1, 1));
        assertArrayEquals(new int[] {0, 0}, t.sequence(1, 2));
        assertArrayEquals(new float[] {1, 0, 0}, t.labels());
        assertArrayEquals(new double[] {25, 5}, data.encoder().statistics("age"), 1e-12);
    }

    @Test
    void unseenAndRareValuesMapToOovWithTrainingStatistics() {
        Encoded t = data.test();
        // z only in test -> OOV; s2 seen once (< min_count 2) -> OOV; 3 -> bucket ln2:1 never seen -> OOV
        assertArrayEquals(new int[] {CtrLayout.OOV, CtrLayout.OOV, CtrLayout.OOV}, t.categorical());
        assertArrayEquals(new float[] {2f, 0f}, t.numeric()); // (35 - 25) / 5, training statistics
        assertArrayEquals(new int[] {1, 3, 0}, t.sequence(0, 0));
        assertArrayEquals(new int[] {1, 0}, t.sequence(1, 0));
        assertEquals(CtrLayout.PAD, data.encoder().id("item", null));
        assertEquals(2, data.encoder().id("cnt", "1.0"));
        assertEquals(CtrLayout.OOV, data.encoder().id("cnt", "120")); // ln(120)^2 = 22.9: bucket 22 unseen
        assertEquals(3, data.encoder().id("cnt", "100")); // ln(100)^2 = 21.2: bucket 21
    }

    @Test
    void rowMapEncodingMatchesFileEncodingAndChecksInput() {
        Map<String, String> row = new HashMap<>();
        String[] cols = HEADER.trim().split(",");
        String[] vals = TEST.split("\n")[1].split(",", -1);
        for (int i = 0; i < cols.length; i++) {
            row.put(cols[i], vals[i]);
        }
        assertEquals(data.test(), data.encoder().encode(row));
        row.remove("y");
        row.remove("age");
        Encoded e = data.encoder().encode(row);
        assertTrue(Float.isNaN(e.label(0, 0)), "a served row without label gets NaN");
        assertEquals(0f, e.numeric()[0], "missing numeric -> 0 after normalisation");
        row.put("age", "old");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> data.encoder().encode(row));
        assertTrue(ex.getMessage().contains("field 'age'"), ex.getMessage());
        row.put("age", "3");
        row.put("colour", "red");
        ex = assertThrows(IllegalArgumentException.class, () -> data.encoder().encode(row));
        assertTrue(ex.getMessage().contains("'colour'"), ex.getMessage());
    }

    @Test
    void jsonRoundTripGivesIdenticalEncodings() throws IOException {
        Path f = tmp.resolve("encoder.json");
        data.encoder().save(f);
        CtrEncoder back = CtrEncoder.load(f);
        assertEquals(data.layout(), back.layout());
        CtrTable train = CtrCsv.read(tmp.resolve("train.csv"), back.schema());
        CtrTable test = CtrCsv.read(tmp.resolve("test.csv"), back.schema());
        assertEquals(data.train(), back.encode(train));
        assertEquals(data.test(), back.encode(test));
        assertEquals(data.encoder().toJson(), back.toJson());
        Files.writeString(f, "{\"format\": \"other\"}");
        assertThrows(io.github.djlsuite.datasets.DataFormatException.class, () -> CtrEncoder.load(f));
    }

    @Test
    void quantileBucketsUseTrainingValues() throws IOException {
        StringBuilder sb = new StringBuilder("y,c,b\n");
        for (int v = 1; v <= 10; v++) {
            sb.append(v % 2).append(",x,").append(v).append('\n');
        }
        Files.writeString(tmp.resolve("b.csv"), sb.toString());
        CtrSchema s = CtrSchema.parse("{\"fields\":[{\"name\":\"y\",\"role\":\"label\"},{\"name\":\"c\",\"role\":"
                + "\"categorical\"},{\"name\":\"b\",\"role\":\"numeric\",\"transform\":\"bucket\",\"buckets\":4}]}");
        CtrEncoder enc = CtrEncoder.fit(CtrCsv.read(tmp.resolve("b.csv"), s));
        // edges sorted[floor(k*10/4)] = 3, 6, 8: buckets [..3) [3..6) [6..8) [8..) hold 2, 3, 2, 3 values;
        // ids by descending count, then token
        assertEquals(List.of("q1", "q3", "q0", "q2"), enc.vocabulary("b"));
        assertEquals(enc.id("b", "-5"), enc.id("b", "2.9"));
        assertEquals(enc.id("b", "3"), enc.id("b", "5.9"));
        assertEquals(enc.id("b", "8"), enc.id("b", "1e9"));
        assertEquals(5, enc.id("b", "7"));
        assertEquals(6, enc.layout().vocab(1));
        assertEquals(enc.encode(CtrCsv.read(tmp.resolve("b.csv"), s)),
                CtrEncoder.fromJson(enc.toJson()).encode(CtrCsv.read(tmp.resolve("b.csv"), s)));
    }

    @Test
    void djlDatasetBatchesFollowTheLayoutOnBothEngines() throws Exception {
        for (String engine : EngineSupport.ENGINES) {
            try (NDManager m = EngineSupport.manager(engine, 0)) {
                ArrayDataset ds = data.trainDataset(m, 2);
                int rows = 0;
                for (Batch b : ds.getData(m)) {
                    try (b) {
                        NDList x = b.getData();
                        int n = (int) x.get(0).getShape().get(0);
                        rows += n;
                        assertEquals(4, x.size(), engine);
                        assertEquals(new Shape(n, 3), x.get(0).getShape());
                        assertEquals(DataType.INT32, x.get(0).getDataType());
                        assertEquals(new Shape(n, 2), x.get(data.layout().numericIndex()).getShape());
                        assertEquals(DataType.FLOAT32, x.get(1).getDataType());
                        assertEquals(new Shape(n, 3), x.get(data.layout().sequenceIndex(0)).getShape());
                        assertEquals(new Shape(n, 2), x.get(data.layout().sequenceIndex(1)).getShape());
                        assertEquals(DataType.INT32, x.get(3).getDataType());
                        assertEquals(new Shape(n, 1), b.getLabels().singletonOrThrow().getShape());
                        assertEquals(DataType.FLOAT32, b.getLabels().singletonOrThrow().getDataType());
                    }
                }
                assertEquals(3, rows, engine);
                NDList all = data.test().toData(m);
                assertArrayEquals(new int[] {1, 3, 0}, all.get(2).toIntArray(), engine);
            }
        }
    }
}
