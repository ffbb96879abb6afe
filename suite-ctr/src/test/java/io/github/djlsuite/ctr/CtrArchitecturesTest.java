package io.github.djlsuite.ctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.nn.Mlp;
import io.github.djlsuite.datasets.Tasks;
import io.github.djlsuite.datasets.ctr.CtrData;
import io.github.djlsuite.datasets.ctr.CtrEncoder;
import io.github.djlsuite.datasets.ctr.PlantedCtrCsv;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every CTR architecture of {@code suite train}: registered, configured from the data's layout,
 * rebuilt from the stored configuration alone, trained a few steps through {@link CtrTraining} on
 * data of the right kind (planted logs for the single-task models, the DIN sample for din, the
 * census sample for the multi-task models) with its files and metrics saved, and clear errors for
 * data it cannot use.
 */
class CtrArchitecturesTest {

    private static final List<String> IDS = List.of("deepfm", "din", "dnn", "dtrn", "dualmlp", "finalmlp", "mmoe",
            "sharedbottom");

    /** Small sizes so the whole class runs in seconds. */
    private static final Map<String, Map<String, String>> SMALL = Map.of(
            "dnn", Map.of("hidden", "32,32"),
            "deepfm", Map.of("hidden", "32,32"),
            "finalmlp", Map.of("mlp1", "32,32", "mlp2", "16", "gate_hidden", "16", "heads", "2"),
            "dualmlp", Map.of("mlp1", "32,32", "mlp2", "16"),
            "din", Map.of("embedding_dim", "8", "attention_hidden", "16", "mlp_hidden", "32,16"),
            "dtrn", Map.of("embedding_dim", "8", "context_dim", "8", "attention_hidden", "8",
                    "tower_hidden", "16"),
            "sharedbottom", Map.of("embedding_dim", "8", "shared_hidden", "32", "tower_hidden", "16"),
            "mmoe", Map.of("embedding_dim", "8", "experts", "2", "expert_hidden", "32", "tower_hidden", "16"));

    @TempDir
    static Path shared;
    private static TaskData planted;
    private static TaskData criteo;
    private static TaskData census;
    private static TaskData dinSample;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadData() throws Exception {
        Path dir = shared.resolve("planted");
        PlantedCtrCsv.write(PlantedCtr.finalMlp(6000, 5), dir, 5);
        planted = Tasks.ctrFiles(List.of(dir.resolve("train.csv"), dir.resolve("valid.csv"), dir.resolve("test.csv")),
                dir.resolve("schema.json"));
        criteo = Tasks.load("criteo-sample", null);
        census = Tasks.load("census-income-sample", null);
        dinSample = Tasks.load("din-amazon-electronics-sample", null);
    }

    private static Map<String, String> small(String id, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(SMALL.get(id));
        m.putAll(extra);
        return m;
    }

    private SavedModel train(String id, TaskData data, Map<String, String> overrides, int epochs) throws Exception {
        Architecture a = Architectures.require(id);
        RunContext ctx = RunContext.builder().setBackend(new Backend("PyTorch", Device.cpu()))
                .setOutputDir(tmp.resolve(id)).optEpochs(epochs).optProgress(false).optSeed(3).build();
        return a.train(ctx, data, a.configure(data, small(id, overrides)));
    }

    @Test
    void everyCtrArchitectureIsRegisteredForCtrData() {
        for (String id : IDS) {
            Architecture a = Architectures.require(id);
            assertEquals(id, a.id());
            assertEquals(java.util.Set.of(DataKind.CTR), a.dataKinds());
            assertTrue(Tasks.names().containsKey(a.defaultDataset()), id + " default " + a.defaultDataset());
            assertEquals(Map.of("encoder", CtrTraining.ENCODER_FILE), a.servingFiles(new JsonObject()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dnn", "deepfm", "finalmlp", "dualmlp"})
    void singleTaskModelsLearnThePlantedLogs(String id) throws Exception {
        SavedModel saved = train(id, planted, Map.of("batch_size", "128", "learning_rate", "0.005"), 2);
        Path dir = saved.dir();
        for (String f : new String[] {SavedModel.INFO_FILE, CtrTraining.ENCODER_FILE, "metrics.csv"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), id + ": " + f + " missing");
        }
        assertTrue(Files.isRegularFile(saved.parameters()));
        assertEquals(planted.payload(CtrData.class, "t").layout(), CtrEncoder.load(dir.resolve("encoder.json")).layout());
        JsonObject m = SavedModel.read(dir).metrics();
        for (String k : new String[] {"train_loss", "validation_loss", "validation_auc", "test_loss", "test_auc",
                "test_logloss"}) {
            assertTrue(m.has(k) && Double.isFinite(m.get(k).getAsDouble()), id + ": " + k + " in " + m);
        }
        assertTrue(m.get("test_auc").getAsDouble() > 0.55, id + " test AUC " + m.get("test_auc"));
        assertEquals(CtrTraining.OUTPUT, saved.info().getAsJsonObject("output").get("description").getAsString());
    }

    @Test
    void dualMlpIsFinalMlpWithGatingAndFusionOff() throws Exception {
        JsonObject c = Architectures.require("dualmlp").configure(planted, Map.of());
        assertFalse(c.get("feature_gating").getAsBoolean());
        assertFalse(c.get("fusion").getAsBoolean());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.require("dualmlp").configure(planted, Map.of("fusion", "true")));
        assertTrue(e.getMessage().contains("no setting 'fusion'"), e.getMessage());
        JsonObject f = Architectures.require("finalmlp").configure(planted,
                Map.of("feature_gating", "false", "fusion", "false"));
        // the same settings give the same parameter count as dualmlp
        assertEquals(parameters(Architectures.require("dualmlp"), c),
                parameters(Architectures.require("finalmlp"), f));
        assertTrue(parameters(Architectures.require("finalmlp"), Architectures.require("finalmlp").configure(planted,
                Map.of())) > parameters(Architectures.require("dualmlp"), c), "gates and fusion add parameters");
    }

    /** The parameter count of the Block that {@code config} builds. */
    private static long parameters(Architecture a, JsonObject config) {
        ai.djl.nn.Block b = a.build(config);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            b.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32,
                    CtrTraining.inputShapes(CtrTraining.layout(config), 2));
            return Mlp.countParameters(b);
        }
    }

    @Test
    void theConfigurationAloneRebuildsTheBlock() {
        for (String id : List.of("finalmlp", "mmoe", "din")) {
            TaskData data = id.equals("mmoe") ? census : id.equals("din") ? dinSample : planted;
            Architecture a = Architectures.require(id);
            JsonObject c = a.configure(data, SMALL.get(id));
            JsonObject reparsed = JsonParser.parseString(c.toString()).getAsJsonObject();
            assertEquals(data.payload(CtrData.class, id).layout(), CtrTraining.layout(reparsed));
            assertEquals(parameters(a, c), parameters(a, reparsed), id);
        }
    }

    @Test
    void dinTrainsOnTheBehaviourSample() throws Exception {
        SavedModel saved = train("din", dinSample, Map.of("batch_size", "32"), 2);
        JsonObject m = saved.metrics();
        for (String k : new String[] {"train_loss", "test_loss", "test_logloss", "test_auc"}) {
            assertTrue(m.has(k) && Double.isFinite(m.get(k).getAsDouble()), "din: " + k + " in " + m);
        }
        assertTrue(Files.isRegularFile(saved.dir().resolve(CtrTraining.ENCODER_FILE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtrn", "sharedbottom", "mmoe"})
    void multiTaskModelsTrainOnTheCensusSampleWithMetricsPerLabel(String id) throws Exception {
        SavedModel saved = train(id, census, Map.of("batch_size", "64"), 2);
        List<String> labels = census.payload(CtrData.class, id).layout().labelNames();
        assertTrue(labels.size() >= 2, labels.toString());
        JsonObject m = saved.metrics();
        for (String label : labels) {
            assertTrue(m.has("test_auc_" + label) && m.has("validation_auc_" + label), id + ": " + m);
            assertTrue(Double.isFinite(m.get("test_logloss_" + label).getAsDouble()), id + ": " + m);
        }
        assertTrue(Double.isFinite(m.get("test_loss").getAsDouble()) && Double.isFinite(m.get("train_loss")
                .getAsDouble()), id + ": " + m);
        assertEquals((m.get("test_logloss_" + labels.get(0)).getAsDouble() + m.get("test_logloss_" + labels.get(1))
                .getAsDouble()) / 2, m.get("test_logloss").getAsDouble(), 1e-9, "mean over the two labels");
        assertEquals(labels.size(), saved.config().getAsJsonObject("layout").getAsJsonArray("labels").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mmoe", "sharedbottom", "dtrn"})
    void multiTaskModelsRejectSingleLabelDataNamingTheLabel(String id) {
        String label = criteo.payload(CtrData.class, id).layout().labelNames().get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.require(id).configure(criteo, Map.of()));
        assertTrue(e.getMessage().contains(id) && e.getMessage().contains("at least 2 label")
                && e.getMessage().contains("[" + label + "]") && e.getMessage().contains("criteo-sample"),
                e.getMessage());
    }

    @Test
    void dinRejectsDataWithoutASharedSequenceNamingTheRoles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.require("din").configure(criteo, Map.of()));
        assertTrue(e.getMessage().contains("role \"sequence\"") && e.getMessage().contains("share_vocab")
                && e.getMessage().contains("criteo-sample has categorical"), e.getMessage());
    }

    @Test
    void badSettingsAreNamedBeforeTraining() {
        Architecture fin = Architectures.require("finalmlp");
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> fin.configure(planted, Map.of("mlp2", "10", "heads", "4")));
        assertTrue(heads.getMessage().contains("finalmlp cannot be built") && heads.getMessage().contains("heads"),
                heads.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> fin.configure(planted, Map.of("hidden", "8")));
        assertTrue(unknown.getMessage().contains("no setting 'hidden'") && unknown.getMessage().contains("mlp1"),
                unknown.getMessage());
        IllegalArgumentException pooling = assertThrows(IllegalArgumentException.class,
                () -> Architectures.require("din").configure(dinSample, Map.of("pooling", "max")));
        assertTrue(pooling.getMessage().contains("pooling=max") && pooling.getMessage().contains("attention, sum"),
                pooling.getMessage());
        IllegalArgumentException vectors = assertThrows(IllegalArgumentException.class,
                () -> fin.configure(io.github.djlsuite.core.zoo.ZooTesting.tinyVectors(1), Map.of()));
        assertTrue(vectors.getMessage().contains("finalmlp cannot train on"), vectors.getMessage());
    }
}
