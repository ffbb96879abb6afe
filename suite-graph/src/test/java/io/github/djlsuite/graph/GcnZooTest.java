package io.github.djlsuite.graph;

import static io.github.djlsuite.core.testing.EngineSupport.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.core.zoo.ZooMetadata;
import io.github.djlsuite.core.zoo.ZooRepository;
import io.github.djlsuite.core.zoo.ZooTesting;
import io.github.djlsuite.datasets.graph.Graph;
import io.github.djlsuite.datasets.synthetic.PlantedPartition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code gcn} through the zoo: trained on a planted-partition graph on each engine, published, loaded
 * through DJL's {@code Criteria<Graph, float[][]>} and {@code Criteria<Graph, NodePredictions>} on both
 * engines, with the same per-node probabilities as the in-memory model (1e-5), on the training graph and on
 * an unseen graph; a graph with the wrong feature count is refused by name.
 */
class GcnZooTest {

    private static final int CLASSES = 3;

    @TempDir
    static Path shared;
    /** The training graph (90 nodes, F = C = 3) and an unseen graph from the same model (40 nodes). */
    private static Graph graph;
    private static Graph other;
    private static final Map<String, SavedModel> SAVED = new HashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainOnEachEngine() throws Exception {
        graph = PlantedPartition.generate(90, CLASSES, 0.25, 0.02, 0.3, 0.3, 0.2, 7);
        other = PlantedPartition.generate(40, CLASSES, 0.3, 0.03, 0.3, 0.5, 0.0, 8);
        TaskData task = new TaskData("sbm", DataKind.GRAPH, graph, List.of());
        for (String engine : EngineSupport.ENGINES) {
            SAVED.put(engine, ZooTesting.train(Architectures.require("gcn"), task,
                    Map.of("hidden", "8", "learning_rate", "0.05"), engine, 40, shared.resolve(engine)));
        }
    }

    @BeforeEach
    void pointTheZooAtTemporaryFolders() {
        System.setProperty(ZooRepository.LOCATION_PROPERTY, tmp.resolve("repo").toString());
        System.setProperty(ZooRepository.CACHE_PROPERTY, tmp.resolve("cache").toString());
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty(ZooRepository.LOCATION_PROPERTY);
        System.clearProperty(ZooRepository.CACHE_PROPERTY);
    }

    /**
     * softmax (Java, double precision) of the saved model's Block run in memory on {@code engine}, its inputs
     * built the way training builds them ({@link GcnBaseline.FullGraph#data}).
     */
    private static float[][] reference(SavedModel saved, String engine, Graph g) throws Exception {
        try (Model model = saved.load(new Backend(engine, Device.cpu()));
                NDManager m = model.getNDManager().newSubManager()) {
            GraphPropagation prop = GraphPropagation.gcn(g);
            NDList in = new GcnBaseline.FullGraph(g.sparseFeatures().rowNormalized().toDense(), g.numFeatures(), prop,
                    GraphPropagation.defaultForm(g.numNodes()), g.labels(), g.trainMask(), CLASSES).data(m);
            float[] z = model.getBlock().forward(new ParameterStore(m, false), in, false).singletonOrThrow()
                    .toFloatArray();
            return softmaxRows(z, CLASSES);
        }
    }

    private static float[][] softmaxRows(float[] z, int c) {
        float[][] p = new float[z.length / c][c];
        for (int i = 0; i < p.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, z[i * c + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(z[i * c + k] - max);
            }
            for (int k = 0; k < c; k++) {
                p[i][k] = (float) (Math.exp(z[i * c + k] - max) / sum);
            }
        }
        return p;
    }

    private static float[] flat(float[][] p) {
        float[] out = new float[p.length * (p.length == 0 ? 0 : p[0].length)];
        for (int i = 0; i < p.length; i++) {
            System.arraycopy(p[i], 0, out, i * p[i].length, p[i].length);
        }
        return out;
    }

    private static <O> Criteria<Graph, O> criteria(Class<O> output, String engine) {
        return Criteria.builder().setTypes(Graph.class, output).optGroupId(ZooRepository.GROUP_ID)
                .optArtifactId("gcn").optEngine(engine).build();
    }

    @ParameterizedTest(name = "trained on {0}")
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void aPublishedGcnServesGraphsOnBothEnginesLikeTheInMemoryModel(String trainedOn) throws Exception {
        SavedModel saved = SAVED.get(trainedOn);
        ZooMetadata.Entry v = ZooRepository.fromEnvironment().publish(saved, null);
        assertEquals("GRAPH", v.property("kind"));
        assertEquals(trainedOn, v.property("trainedOn"));
        float[][] expected = reference(saved, trainedOn, graph);
        float[][] expectedOther = reference(saved, trainedOn, other);
        assertEquals(graph.numNodes(), expected.length);
        for (String engine : EngineSupport.ENGINES) {
            try (ZooModel<Graph, float[][]> model = criteria(float[][].class, engine).loadModel();
                    Predictor<Graph, float[][]> p = model.newPredictor()) {
                float[][] served = p.predict(graph);
                assertEquals(graph.numNodes(), served.length);
                for (float[] row : served) {
                    assertEquals(CLASSES, row.length);
                    double sum = 0;
                    for (float x : row) {
                        assertTrue(x >= 0 && x <= 1, "probabilities in [0, 1]");
                        sum += x;
                    }
                    assertEquals(1, sum, 1e-5);
                }
                assertAllClose(flat(expected), flat(served), 1e-5);
                // an unseen graph with its own edges and size; batchPredict takes graphs of different sizes
                List<float[][]> both = p.batchPredict(List.of(other, graph));
                assertEquals(other.numNodes(), both.get(0).length);
                assertAllClose(flat(expectedOther), flat(both.get(0)), 1e-5);
                assertAllClose(flat(expected), flat(both.get(1)), 1e-5);
            }
            try (ZooModel<Graph, NodePredictions> model = criteria(NodePredictions.class, engine).loadModel();
                    Predictor<Graph, NodePredictions> p = model.newPredictor()) {
                NodePredictions served = p.predict(graph);
                assertEquals(List.of("0", "1", "2"), served.classNames());
                assertAllClose(flat(expected), flat(served.probabilities()), 1e-5);
                // the served arg-max gives the accuracy the training run measured with the same parameters
                double acc = GcnBaseline.accuracy(flat(served.probabilities()), graph.labels(), graph.testMask(),
                        CLASSES);
                assertEquals(saved.metrics().get("test_accuracy").getAsDouble(), acc, 1e-9);
                assertTrue(acc > 0.6, "3 planted communities, chance 1/3; got " + acc);
                Classifications c = served.classifications(5);
                assertEquals(served.bestClass(5), c.best().getClassName());
                assertEquals(served.probability(5, served.argmax(5)), c.best().getProbability(), 1e-7);
            }
        }
    }

    @Test
    void aGraphWithTheWrongFeatureCountIsRefusedNamingBothCounts() throws Exception {
        ZooRepository.fromEnvironment().publish(SAVED.get("PyTorch"), null);
        Graph wide = Graph.builder("wide", 4, 5, CLASSES).setEdges(new int[] {0, 1}, new int[] {1, 2}).build();
        for (String engine : EngineSupport.ENGINES) {
            try (ZooModel<Graph, float[][]> model = criteria(float[][].class, engine).loadModel();
                    Predictor<Graph, float[][]> p = model.newPredictor()) {
                TranslateException e = assertThrows(TranslateException.class, () -> p.predict(wide));
                assertTrue(e.getMessage().contains("graph 'wide' has 5 features per node")
                        && e.getMessage().contains("trained on 3"), e.getMessage());
                assertEquals(graph.numNodes(), p.predict(graph).length, "the predictor still works afterwards");
            }
        }
    }

    @Test
    void otherTypesListTheSupportedOnes() throws Exception {
        ZooRepository.fromEnvironment().publish(SAVED.get("MXNet"), null);
        Criteria<float[], float[]> vectors = Criteria.builder().setTypes(float[].class, float[].class)
                .optGroupId(ZooRepository.GROUP_ID).optArtifactId("gcn").optEngine("PyTorch").build();
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class, vectors::loadModel);
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        assertTrue(t.getMessage().contains("(Graph, float[][])") && t.getMessage().contains("(Graph, NodePredictions)"),
                t.getMessage());
    }

    /** Path 0-1-2 plus isolated node 3; node 1 has no features (a zero row stays zero). */
    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void inputsAreRowNormalisedAndUseTheConfiguredForm(String engine) throws Exception {
        Graph tiny = Graph.builder("tiny", 4, 3, CLASSES).setFeatures(new float[] {1, 0, 3, 0, 0, 0, 2, 2, 0, 0, 0, 5})
                .setEdges(new int[] {0, 1}, new int[] {1, 2}).build();
        JsonObject config = SAVED.get(engine).config().deepCopy();
        NodeClassificationTranslator<float[][]> auto = NodeClassificationTranslator.probabilities(config);
        config.addProperty("propagation", "edge_list");
        NodeClassificationTranslator<float[][]> edges = NodeClassificationTranslator.probabilities(config);
        config.addProperty("propagation", "dense");
        NodeClassificationTranslator<float[][]> dense = NodeClassificationTranslator.probabilities(config);
        assertEquals(GraphPropagation.Form.DENSE, auto.form(4));
        assertEquals(GraphPropagation.Form.EDGE_LIST, auto.form(12_000));
        assertEquals(GraphPropagation.Form.EDGE_LIST, edges.form(4));
        assertEquals(GraphPropagation.Form.EDGE_LIST, dense.form(12_000), "dense above the limit falls back");
        try (Model model = SAVED.get(engine).load(new Backend(engine, Device.cpu()));
                NDManager m = model.getNDManager().newSubManager()) {
            NDList a = auto.inputs(m, tiny);
            NDList b = edges.inputs(m, tiny);
            assertEquals(2, a.size(), "X + dense Â");
            assertEquals(5, b.size(), "X + src, start, end, w");
            assertArrayEquals(new float[] {0.25f, 0, 0.75f, 0, 0, 0, 0.5f, 0.5f, 0, 0, 0, 1}, a.get(0).toFloatArray());
            assertArrayEquals(a.get(0).toFloatArray(), b.get(0).toFloatArray());
            // both forms give the same logits through the trained Block
            ParameterStore ps = new ParameterStore(m, false);
            float[] za = model.getBlock().forward(ps, a, false).singletonOrThrow().toFloatArray();
            float[] zb = model.getBlock().forward(ps, b, false).singletonOrThrow().toFloatArray();
            assertAllClose(za, zb, 1e-5);
        }
        config.addProperty("propagation", "sparse");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> NodeClassificationTranslator.probabilities(config));
        assertTrue(bad.getMessage().contains("propagation=sparse"), bad.getMessage());
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> NodeClassificationTranslator.predictions(SAVED.get(engine).config(), List.of("a", "b")));
        assertTrue(names.getMessage().contains("for 3 classes"), names.getMessage());
    }
}
