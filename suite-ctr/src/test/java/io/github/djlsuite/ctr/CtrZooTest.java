package io.github.djlsuite.ctr;

import static io.github.djlsuite.core.testing.EngineSupport.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.core.zoo.ZooException;
import io.github.djlsuite.core.zoo.ZooMetadata;
import io.github.djlsuite.core.zoo.ZooRepository;
import io.github.djlsuite.core.zoo.ZooTesting;
import io.github.djlsuite.datasets.Tasks;
import io.github.djlsuite.datasets.ctr.CtrEncoder;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CTR model through the zoo: trained on a tiny CSV + schema (the path a user's own files take),
 * published with its {@code encoder.json}, loaded through DJL's {@code Criteria<CtrRow, float[]>} on
 * both engines with the same click probabilities as the in-memory model, unseen values served as
 * OOV, and a tampered encoder rejected.
 */
class CtrZooTest {

    private static final String[] USERS = {"u0", "u1", "u2", "u3", "u4", "u5"};
    private static final String[] ITEMS = {"i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7"};

    @TempDir
    static Path shared;
    private static SavedModel saved;
    private static List<CtrRow> rows;

    @TempDir
    Path tmp;
    private Path repoDir;

    /** Rows whose click depends on user × item parity and the price; written as CSV with a schema. */
    @BeforeAll
    static void trainOnATinyCsv() throws Exception {
        Path data = shared.resolve("data");
        Files.createDirectories(data);
        Random r = new Random(11);
        StringBuilder csv = new StringBuilder("click,user,item,price\n");
        for (int i = 0; i < 800; i++) {
            int u = r.nextInt(USERS.length);
            int it = r.nextInt(ITEMS.length);
            double price = Math.round(r.nextGaussian() * 100) / 10.0;
            double logit = ((u + it) % 2 == 0 ? 1.5 : -1.5) - 0.1 * price;
            int click = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            csv.append(click).append(',').append(USERS[u]).append(',').append(ITEMS[it]).append(',')
                    .append(i % 17 == 0 ? "" : Double.toString(price)).append('\n');
        }
        Files.writeString(data.resolve("rows.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(data.resolve("schema.json"), """
                {"fields": [{"name": "click", "role": "label"}, {"name": "user", "role": "categorical"},
                            {"name": "item", "role": "categorical"},
                            {"name": "price", "role": "numeric", "transform": "standard"}]}
                """, StandardCharsets.UTF_8);
        TaskData task = Tasks.ctrFiles(List.of(data.resolve("rows.csv")), data.resolve("schema.json"));
        saved = ZooTesting.train(Architectures.require("finalmlp"), task, Map.of("mlp1", "16,16", "mlp2", "8",
                "gate_hidden", "8", "heads", "2", "batch_size", "64", "learning_rate", "0.01"), "PyTorch", 3,
                shared.resolve("model"));
        rows = List.of(CtrRow.of("user", "u0", "item", "i2", "price", "1.5"),
                CtrRow.of("user", "u1", "item", "i2", "price", "-3"),
                CtrRow.of("user", "u3", "item", "i5"), // missing price
                CtrRow.of("user", "u4", "item", "never-seen", "price", "0"), // OOV item
                CtrRow.of("user", "nobody", "item", "i7", "price", "", "click", "1"));
    }

    @BeforeEach
    void pointTheZooAtTemporaryFolders() {
        repoDir = tmp.resolve("repo");
        System.setProperty(ZooRepository.LOCATION_PROPERTY, repoDir.toString());
        System.setProperty(ZooRepository.CACHE_PROPERTY, tmp.resolve("cache").toString());
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty(ZooRepository.LOCATION_PROPERTY);
        System.clearProperty(ZooRepository.CACHE_PROPERTY);
    }

    /** σ(logit) of the saved model's Block, run in memory on {@code engine}, rows encoded by the saved encoder. */
    private static float[] reference(String engine) throws Exception {
        CtrEncoder encoder = CtrEncoder.load(saved.dir().resolve(CtrTraining.ENCODER_FILE));
        List<Map<String, String>> maps = new ArrayList<>();
        rows.forEach(row -> maps.add(row.values()));
        try (Model model = saved.load(new Backend(engine, Device.cpu()));
                NDManager m = model.getNDManager().newSubManager()) {
            NDList out = model.getBlock().forward(new ParameterStore(m, false), encoder.encode(maps).toData(m), false);
            float[] z = out.singletonOrThrow().toFloatArray();
            float[] p = new float[z.length];
            for (int i = 0; i < z.length; i++) {
                p[i] = (float) (1 / (1 + Math.exp(-(double) z[i])));
            }
            return p;
        }
    }

    private static Criteria<CtrRow, float[]> criteria(String engine) {
        return Criteria.builder().setTypes(CtrRow.class, float[].class).optGroupId(ZooRepository.GROUP_ID)
                .optArtifactId("finalmlp").optEngine(engine).build();
    }

    private static float[] throughCriteria(String engine, boolean batch) throws Exception {
        try (ZooModel<CtrRow, float[]> model = criteria(engine).loadModel();
                Predictor<CtrRow, float[]> predictor = model.newPredictor()) {
            List<float[]> out = batch ? predictor.batchPredict(rows) : new ArrayList<>();
            if (!batch) {
                for (CtrRow row : rows) {
                    out.add(predictor.predict(row));
                }
            }
            float[] flat = new float[out.size()];
            for (int i = 0; i < flat.length; i++) {
                assertEquals(1, out.get(i).length, "one task, one probability");
                flat[i] = out.get(i)[0];
            }
            return flat;
        }
    }

    @Test
    void aPublishedCtrModelServesRawRowsOnBothEnginesLikeTheInMemoryModel() throws Exception {
        ZooMetadata.Entry v = ZooRepository.fromEnvironment().publish(saved, null);
        ZooMetadata.FileEntry enc = v.file("encoder");
        assertEquals(CtrTraining.ENCODER_FILE, enc.name());
        Path artifact = repoDir.resolve(ZooRepository.artifactPath(Architectures.require("finalmlp")));
        assertEquals(Files.readString(saved.dir().resolve(CtrTraining.ENCODER_FILE)),
                Files.readString(artifact.resolve(enc.uri())));
        assertEquals("CTR", v.property("kind"));
        assertEquals(CtrTraining.OUTPUT, v.property("output"));
        float[] expected = reference("PyTorch");
        for (float p : expected) {
            assertTrue(p > 0 && p < 1, "probabilities in (0, 1)");
        }
        assertAllClose(expected, reference("MXNet"), 1e-5);
        for (String engine : EngineSupport.ENGINES) {
            assertAllClose(expected, throughCriteria(engine, false), 1e-5);
            assertAllClose(expected, throughCriteria(engine, true), 1e-5);
        }
        // the model learned the parity: u0 × i2 (even) clicks more than u1 × i2 (odd)
        assertTrue(expected[0] > expected[1], java.util.Arrays.toString(expected));
    }

    @Test
    void unseenValuesAreOovAndUnknownColumnsAreNamed() throws Exception {
        CtrEncoder encoder = CtrEncoder.load(saved.dir().resolve(CtrTraining.ENCODER_FILE));
        assertEquals(CtrLayout.OOV, encoder.encode(rows.get(3).values()).categorical(0, 1));
        ZooRepository.fromEnvironment().publish(saved, "1.0.0");
        try (ZooModel<CtrRow, float[]> model = criteria("PyTorch").loadModel();
                Predictor<CtrRow, float[]> predictor = model.newPredictor()) {
            Exception e = assertThrows(Exception.class, () -> predictor.predict(CtrRow.of("user", "u0", "colour", "red")));
            String msg = e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
            assertTrue(msg.contains("'colour' is not a column"), msg);
        }
    }

    @Test
    void aTamperedEncoderIsRejected() throws Exception {
        ZooMetadata.Entry v = ZooRepository.fromEnvironment().publish(saved, "0.2.0");
        Path file = repoDir.resolve(ZooRepository.artifactPath(Architectures.require("finalmlp")))
                .resolve(v.file("encoder").uri());
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"u0\"", "\"u9\"")); // same size, one vocabulary entry renamed
        assertEquals(json.length(), Files.readString(file).length());
        ZooException e = assertThrows(ZooException.class, () -> criteria("PyTorch").loadModel());
        assertTrue(e.getMessage().contains("sha256 mismatch") && e.getMessage().contains("\"encoder\"")
                && e.getMessage().contains("finalmlp 0.2.0"), e.getMessage());
    }

    @Test
    void publishingWithoutTheEncoderFailsAndOtherTypesListTheSupportedOne() throws Exception {
        Path copy = tmp.resolve("no-encoder");
        Files.createDirectories(copy);
        Files.copy(saved.dir().resolve(SavedModel.INFO_FILE), copy.resolve(SavedModel.INFO_FILE));
        Files.copy(saved.parameters(), copy.resolve(saved.parameters().getFileName()));
        ZooException missing = assertThrows(ZooException.class,
                () -> ZooRepository.fromEnvironment().publish(SavedModel.read(copy), null));
        assertTrue(missing.getMessage().contains("encoder.json") && missing.getMessage().contains("missing"),
                missing.getMessage());
        ZooRepository.fromEnvironment().publish(saved, null);
        Criteria<float[], float[]> vectors = Criteria.builder().setTypes(float[].class, float[].class)
                .optGroupId(ZooRepository.GROUP_ID).optArtifactId("finalmlp").optEngine("PyTorch").build();
        ModelNotFoundException types = assertThrows(ModelNotFoundException.class, vectors::loadModel);
        Throwable t = types;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        assertTrue(t.getMessage().contains("(CtrRow, float[])"), t.getMessage());
        Architecture fin = Architectures.require("finalmlp");
        assertTrue(fin.translatorFactory(saved.config()).isSupported(CtrRow.class, float[].class));
    }
}
