package io.github.djlsuite.cli;

import static io.github.djlsuite.cli.SuiteCliTest.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.VectorData;
import io.github.djlsuite.datasets.Tasks;
import io.github.djlsuite.cli.SuiteCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite train}: trains, saves a model that loads on both engines, and names every mismatch. */
class TrainCommandTest {

    @TempDir
    Path tmp;

    private static Path onlyRun(Path out) throws Exception {
        try (var s = Files.list(out.resolve("train-mlp"))) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void trainsAnMlpOnIrisAndTheSavedModelPredictsTheSameOnBothEngines() throws Exception {
        Result r = suite("train", "mlp", "--data", "uci/iris", "--epochs", "40", "--set", "hidden=32",
                "--set", "batch_size=16", "--set", "learning_rate=0.01", "--out", tmp.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err() + r.out());
        Path run = onlyRun(tmp);
        SavedModel saved = SavedModel.read(run);
        assertEquals("mlp", saved.architecture());
        assertEquals(32, saved.config().getAsJsonArray("hidden").get(0).getAsInt());
        double acc = saved.metrics().get("test_accuracy").getAsDouble();
        // 30 test flowers, 3 classes: chance is 1/3, a linear model gets ~0.95
        assertTrue(acc >= 0.8, "iris test accuracy " + acc);
        assertTrue(Files.isRegularFile(run.resolve("metrics.csv")));

        VectorData iris = Tasks.load("uci/iris", null).payload(VectorData.class, "test");
        float[] x = iris.testX();
        float[][] outputs = new float[2][];
        String[] engines = {"PyTorch", "MXNet"};
        for (int e = 0; e < 2; e++) {
            try (Model model = saved.load(new Backend(engines[e], Device.cpu()));
                    NDManager m = model.getNDManager().newSubManager()) {
                NDArray in = m.create(x, new Shape(x.length / iris.inputs(), iris.inputs()));
                NDList y = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false);
                outputs[e] = y.singletonOrThrow().toFloatArray();
            }
        }
        assertEquals(outputs[0].length, iris.size(VectorData.Part.TEST) * 3);
        for (int i = 0; i < outputs[0].length; i++) {
            assertEquals(outputs[0][i], outputs[1][i], 1e-5, "logit " + i + " differs between engines");
        }
    }

    @Test
    void mismatchesAndBadSettingsAreUsageErrorsThatNameTheProblem() {
        Result graph = suite("train", "mlp", "--data", "cora", "--out", tmp.toString());
        assertEquals(2, graph.code());
        assertTrue(graph.err().contains("cora is node classification"), graph.err());

        Result setting = suite("train", "mlp", "--data", "uci/iris", "--set", "hiden=3", "--out", tmp.toString());
        assertEquals(2, setting.code());
        assertTrue(setting.err().contains("no setting 'hiden'") && setting.err().contains("hidden"), setting.err());

        Result type = suite("train", "mlp", "--data", "uci/iris", "--set", "hidden=a,b", "--out", tmp.toString());
        assertEquals(2, type.code());
        assertTrue(type.err().contains("list of integers"), type.err());

        Result data = suite("train", "mlp", "--data", "imagenet", "--out", tmp.toString());
        assertEquals(2, data.code());
        assertTrue(data.err().contains("unknown dataset 'imagenet'") && data.err().contains("mnist"), data.err());

        Result model = suite("train", "resnet", "--data", "mnist");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("no architecture called 'resnet'") && model.err().contains("mlp"), model.err());

        Result resume = suite("train", "mlp", "--data", "uci/iris", "--resume", tmp.toString());
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("checkpoint.params"), resume.err());
    }

    @Test
    void listShowsWhichModelsFitWhichDatasets() {
        Result r = suite("train", "--list");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("mnist") && l.contains("mlp")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("uci/iris") && l.contains("mlp")), r.out());
    }
}
