package io.github.djlsuite.core.zoo;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.VectorData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helpers for the zoo, shared through the test-jar: a tiny trained model, the in-memory
 * reference output of a saved model, and a load through {@code Criteria}. A module that adds an
 * {@link Architecture} can check its zoo round trip with {@link #probabilitiesThroughCriteria}
 * against {@link #referenceProbabilities}.
 */
public final class ZooTesting {

    private ZooTesting() {}

    /** Random 3-class data with 4 features whose label follows the sign pattern of two features. */
    public static TaskData tinyVectors(long seed) {
        Random r = new Random(seed);
        int inputs = 4;
        float[][] x = new float[3][];
        int[][] y = new int[3][];
        int[] sizes = {48, 12, 12};
        for (int part = 0; part < 3; part++) {
            x[part] = new float[sizes[part] * inputs];
            y[part] = new int[sizes[part]];
            for (int i = 0; i < sizes[part]; i++) {
                for (int j = 0; j < inputs; j++) {
                    x[part][i * inputs + j] = (float) r.nextGaussian();
                }
                float a = x[part][i * inputs];
                float b = x[part][i * inputs + 1];
                y[part][i] = a > 0 ? 0 : b > 0 ? 1 : 2;
            }
        }
        VectorData v = new VectorData(x[0], y[0], x[1], y[1], x[2], y[2], inputs, List.of("pos", "up", "down"),
                "random, seed " + seed);
        return new TaskData("random-4x3", DataKind.VECTORS, v, List.of());
    }

    /** Trains {@code architecture} on {@code data} on {@code engine} for a few epochs into {@code dir}. */
    public static SavedModel train(Architecture architecture, TaskData data, Map<String, String> overrides,
            String engine, int epochs, Path dir) throws Exception {
        RunContext ctx = RunContext.builder().setBackend(new Backend(engine, Device.cpu())).setOutputDir(dir)
                .optEpochs(epochs).optProgress(false).build();
        return architecture.train(ctx, data, architecture.configure(data, overrides));
    }

    /**
     * The saved model's class probabilities for {@code rows} (row-major, {@code n × inputs}),
     * computed by the Block itself on {@code engine} (softmax in Java, double precision).
     */
    public static float[] referenceProbabilities(SavedModel saved, String engine, float[] rows) throws Exception {
        int inputs = (int) saved.inputShape().get(saved.inputShape().dimension() - 1);
        try (Model model = saved.load(new Backend(engine, Device.cpu()));
                NDManager m = model.getNDManager().newSubManager()) {
            NDList out = model.getBlock().forward(new ParameterStore(m, false),
                    new NDList(m.create(rows, new Shape(rows.length / inputs, inputs))), false);
            float[] logits = out.singletonOrThrow().toFloatArray();
            int classes = logits.length / (rows.length / inputs);
            float[] p = new float[logits.length];
            for (int i = 0; i < logits.length; i += classes) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    max = Math.max(max, logits[i + k]);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    sum += Math.exp(logits[i + k] - max);
                }
                for (int k = 0; k < classes; k++) {
                    p[i + k] = (float) (Math.exp(logits[i + k] - max) / sum);
                }
            }
            return p;
        }
    }

    /** Loads {@code artifactId} through {@code criteria}'s zoo lookup and predicts {@code rows} (float[] → float[]). */
    public static float[] probabilitiesThroughCriteria(Criteria<float[], float[]> criteria, float[] rows, int inputs)
            throws Exception {
        try (ZooModel<float[], float[]> model = criteria.loadModel();
                Predictor<float[], float[]> predictor = model.newPredictor()) {
            List<float[]> batch = new ArrayList<>();
            for (int i = 0; i < rows.length; i += inputs) {
                batch.add(java.util.Arrays.copyOfRange(rows, i, i + inputs));
            }
            List<float[]> out = predictor.batchPredict(batch);
            int classes = out.get(0).length;
            float[] flat = new float[out.size() * classes];
            for (int i = 0; i < out.size(); i++) {
                System.arraycopy(out.get(i), 0, flat, i * classes, classes);
            }
            return flat;
        }
    }

    /** A {@code float[] → float[]} criteria for {@code artifactId} on {@code engine}, filtered by version when given. */
    public static Criteria<float[], float[]> probabilities(String artifactId, String engine, String version) {
        Criteria.Builder<float[], float[]> b = Criteria.builder().setTypes(float[].class, float[].class)
                .optGroupId(ZooRepository.GROUP_ID).optArtifactId(artifactId).optEngine(engine);
        if (version != null) {
            b.optFilter("version", version);
        }
        return b.build();
    }
}
