package io.github.djlsuite.ctr;

import static io.github.djlsuite.core.testing.EngineSupport.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.zoo.ZooRepository;
import io.github.djlsuite.core.zoo.ZooTesting;
import io.github.djlsuite.datasets.Tasks;
import io.github.djlsuite.datasets.ctr.CtrEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every CTR architecture, not only FinalMLP, makes the zoo round trip: trained for one epoch on a real
 * sample with its field layout (Criteo, the DIN sequences, Census' two tasks), saved on PyTorch,
 * published with its encoder, loaded through {@code Criteria<CtrRow, float[]>} on MXNet, and gives the
 * in-memory model's probabilities for raw rows (an empty row, and rows of values never seen in training).
 */
class CtrZooEveryArchitectureTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperties() {
        System.clearProperty(ZooRepository.LOCATION_PROPERTY);
        System.clearProperty(ZooRepository.CACHE_PROPERTY);
    }

    @ParameterizedTest
    @CsvSource({"dnn, criteo-sample", "deepfm, criteo-sample", "dualmlp, criteo-sample",
            "din, din-amazon-electronics-sample", "dtrn, census-income-sample",
            "sharedbottom, census-income-sample", "mmoe, census-income-sample"})
    void publishedModelServesRawRowsOnTheOtherEngine(String id, String dataset) throws Exception {
        System.setProperty(ZooRepository.LOCATION_PROPERTY, tmp.resolve("repo").toString());
        System.setProperty(ZooRepository.CACHE_PROPERTY, tmp.resolve("cache").toString());
        TaskData task = Tasks.load(dataset, null);
        SavedModel saved = ZooTesting.train(Architectures.require(id), task, Map.of(), "PyTorch", 1,
                tmp.resolve("model"));
        ZooRepository.fromEnvironment().publish(saved, null);

        CtrEncoder encoder = CtrEncoder.load(saved.dir().resolve(CtrTraining.ENCODER_FILE));
        List<String> columns = new ArrayList<>(encoder.layout().categoricalNames());
        List<CtrRow> rows = new ArrayList<>();
        rows.add(CtrRow.of(Map.of()));
        for (String c : columns.subList(Math.max(0, columns.size() - 3), columns.size())) {
            rows.add(CtrRow.of(c, "never-seen-" + c));
        }
        float[] reference = reference(saved, encoder, rows);
        int tasks = encoder.layout().numTasks();
        Criteria<CtrRow, float[]> criteria = Criteria.builder().setTypes(CtrRow.class, float[].class)
                .optGroupId(ZooRepository.GROUP_ID).optArtifactId(id).optEngine("MXNet").build();
        try (ZooModel<CtrRow, float[]> model = criteria.loadModel();
                Predictor<CtrRow, float[]> predictor = model.newPredictor()) {
            List<float[]> out = predictor.batchPredict(rows);
            float[] flat = new float[out.size() * tasks];
            for (int i = 0; i < out.size(); i++) {
                assertEquals(tasks, out.get(i).length, id + ": one probability per task");
                System.arraycopy(out.get(i), 0, flat, i * tasks, tasks);
            }
            assertAllClose(reference, flat, 1e-5);
        }
    }

    /** σ(logits) of the saved Block on PyTorch, rows encoded by the saved encoder; (rows × tasks). */
    private static float[] reference(SavedModel saved, CtrEncoder encoder, List<CtrRow> rows) throws Exception {
        List<Map<String, String>> maps = new ArrayList<>();
        rows.forEach(r -> maps.add(r.values()));
        try (Model model = saved.load(new Backend("PyTorch", Device.cpu()));
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
}
