package io.github.djlsuite.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.graph.Graph;
import io.github.djlsuite.datasets.graph.Planetoid;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GcnTest {

    private static Graph cora;
    private static GraphPropagation coraProp;

    @BeforeAll
    static void load() throws Exception {
        cora = Planetoid.load(Path.of(System.getenv("SUITE_DATA")).resolve("cora"), "cora");
        coraProp = GraphPropagation.gcn(cora);
    }

    /** Path 0-1-2, a data self-loop on 2, isolated node 3: degrees of A + I are 2, 3, 2, 1. */
    private static Graph tiny() {
        return Graph.builder("tiny", 4, 3, 2).setEdges(new int[] {0, 1, 2}, new int[] {1, 2, 2}).build();
    }

    @Test
    void normalisedAdjacencyMatchesHandValues() {
        GraphPropagation p = GraphPropagation.gcn(tiny());
        double r6 = 1 / Math.sqrt(6);
        float[] expected = {
            0.5f, (float) r6, 0, 0,
            (float) r6, 1f / 3, (float) r6, 0,
            0, (float) r6, 0.5f, 0,
            0, 0, 0, 1};
        EngineSupport.assertAllClose(expected, p.dense(), 1e-7);
        assertEquals(2 * 2 + 4, p.numEntries(), "2 undirected edges twice + 4 diagonal; the data loop is replaced");
        // D^{1/2}·1 is an eigenvector with eigenvalue 1: sum_j Â_ij sqrt(d_j) = sqrt(d_i); Â symmetric
        float[] a = p.dense();
        double[] sd = {Math.sqrt(2), Math.sqrt(3), Math.sqrt(2), 1};
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 4; j++) {
                s += a[i * 4 + j] * sd[j];
                assertEquals(a[i * 4 + j], a[j * 4 + i]);
            }
            assertEquals(sd[i], s, 1e-6);
        }
        // the same on Cora, with the row sums of Â bounded by sqrt(d_max)
        float[] ac = coraProp.dense();
        int n = cora.numNodes();
        int[] deg = cora.degree();
        for (int i = 0; i < n; i += 37) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += ac[i * n + j] * Math.sqrt(deg[j] + 1);
            }
            assertEquals(Math.sqrt(deg[i] + 1), s, 1e-4);
        }
    }

    @Test
    void denseFormIsRefusedAboveTheLimit() {
        Graph big = Graph.builder("big", 12_000, 0, 1).build();
        GraphPropagation p = GraphPropagation.gcn(big);
        IllegalStateException e = assertThrows(IllegalStateException.class, p::dense);
        assertTrue(e.getMessage().contains("EDGE_LIST"), e.getMessage());
        assertEquals(GraphPropagation.Form.EDGE_LIST, GraphPropagation.defaultForm(12_000));
        assertEquals(GraphPropagation.Form.DENSE, GraphPropagation.defaultForm(2708));
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void allFormsPropagateAlike(String engine) {
        float[] h = new float[cora.numNodes() * 8];
        Random rnd = new Random(3);
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) rnd.nextGaussian();
        }
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            NDArray hh = m.create(h, new Shape(cora.numNodes(), 8));
            float[] dense = GraphPropagation.propagate(coraProp.toNDList(m, GraphPropagation.Form.DENSE), hh).toFloatArray();
            float[] edges = GraphPropagation.propagate(coraProp.toNDList(m, GraphPropagation.Form.EDGE_LIST), hh)
                    .toFloatArray();
            float[] oneHot = GraphPropagation.propagate(coraProp.toNDList(m, GraphPropagation.Form.ONE_HOT), hh)
                    .toFloatArray();
            EngineSupport.assertAllClose(dense, edges, 1e-5);
            EngineSupport.assertAllClose(dense, oneHot, 1e-5);
            // against a Java computation from the entries
            int[] r = coraProp.rows();
            int[] c = coraProp.cols();
            float[] w = coraProp.weights();
            double[] ref = new double[h.length];
            for (int e = 0; e < r.length; e++) {
                for (int k = 0; k < 8; k++) {
                    ref[r[e] * 8 + k] += w[e] * h[c[e] * 8 + k];
                }
            }
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], edges[i], 1e-5);
            }
        }
    }

    /**
     * Training flows through every form: d/dH Σ (Â·H ⊙ R) = Âᵀ·R, computed by autograd from each form's
     * arrays and compared with the Java product on Cora (this caught a PyTorch-only loss of the gradient).
     */
    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void everyFormIsDifferentiableWithTheTransposeAsGradient(String engine) {
        int n = cora.numNodes();
        int d = 4;
        Random rnd = new Random(5);
        float[] h = new float[n * d];
        float[] r = new float[n * d];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) rnd.nextGaussian();
            r[i] = (float) rnd.nextGaussian();
        }
        double[] expected = new double[n * d]; // (Âᵀ R)[j] = Σ_e over entries (i, j): w · R[i]
        int[] rows = coraProp.rows();
        int[] cols = coraProp.cols();
        float[] w = coraProp.weights();
        for (int e = 0; e < rows.length; e++) {
            for (int k = 0; k < d; k++) {
                expected[cols[e] * d + k] += w[e] * r[rows[e] * d + k];
            }
        }
        for (GraphPropagation.Form form : GraphPropagation.Form.values()) {
            try (NDManager m = EngineSupport.manager(engine, 1)) {
                NDArray hh = m.create(h, new Shape(n, d));
                hh.setRequiresGradient(true);
                NDArray rr = m.create(r, new Shape(n, d));
                try (ai.djl.training.GradientCollector gc = m.getEngine().newGradientCollector()) {
                    gc.backward(GraphPropagation.propagate(coraProp.toNDList(m, form), hh).mul(rr).sum());
                }
                float[] grad = hh.getGradient().toFloatArray();
                for (int i = 0; i < grad.length; i++) {
                    assertEquals(expected[i], grad[i], 1e-4, form + " gradient at " + i + " on " + engine);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void forwardShapesAndOutputsAgreeAcrossForms(String engine) {
        Graph g = tiny();
        GraphPropagation p = GraphPropagation.gcn(g);
        float[] x = {1, 0, 2, 0, 1, 0, 3, 1, 1, 0, 0, 1};
        float[] reference = null;
        byte[] params = null;
        for (GraphPropagation.Form form : GraphPropagation.Form.values()) {
            try (NDManager m = EngineSupport.manager(engine, 5)) {
                Gcn gcn = Gcn.builder().optHidden(5).setClasses(2).optDropout(0f).build();
                NDList in = new NDList(m.create(x, new Shape(4, 3)));
                in.addAll(p.toNDList(m, form));
                Shape[] shapes = in.getShapes();
                EngineSupport.initialize(gcn, m, shapes);
                if (params == null) {
                    params = EngineSupport.saveParameters(gcn);
                } else {
                    EngineSupport.loadParameters(gcn, m, params);
                }
                assertArrayEquals(new Shape[] {new Shape(4, 2)}, gcn.getOutputShapes(shapes));
                NDArray out = EngineSupport.forward(gcn, m, in.toArray(new NDArray[0])).head();
                assertEquals(new Shape(4, 2), out.getShape());
                if (reference == null) {
                    reference = out.toFloatArray();
                } else {
                    EngineSupport.assertAllClose(reference, out.toFloatArray(), 1e-5);
                }
            }
        }
    }

    @Test
    void pytorchAndMxnetGiveTheSameForward() {
        float[] x = cora.sparseFeatures().rowNormalized().toDense();
        float[][] outs = new float[2][];
        byte[] params = null;
        for (int e = 0; e < 2; e++) {
            try (NDManager m = EngineSupport.manager(EngineSupport.ENGINES[e], 9)) {
                Gcn gcn = Gcn.builder().setClasses(7).build();
                NDList in = new NDList(m.create(x, new Shape(cora.numNodes(), cora.numFeatures())));
                in.addAll(coraProp.toNDList(m, GraphPropagation.Form.EDGE_LIST));
                EngineSupport.initialize(gcn, m, in.getShapes());
                if (params == null) {
                    params = EngineSupport.saveParameters(gcn);
                } else {
                    EngineSupport.loadParameters(gcn, m, params);
                }
                outs[e] = EngineSupport.forward(gcn, m, in.toArray(new NDArray[0])).head().toFloatArray();
            }
        }
        EngineSupport.assertAllClose(outs[0], outs[1], 1e-4);
    }

    @Test
    void trainsOnCoraAbove75PercentOnPyTorch() throws Exception {
        Backend pt = new Backend("PyTorch", Device.cpu());
        GcnBaseline.Result r = GcnBaseline.train(cora, pt, 200, 42);
        System.out.printf("GCN Cora PyTorch: train %.3f val %.3f test %.3f in %.1f s (%d epochs)%n", r.trainAccuracy(),
                r.valAccuracy(), r.testAccuracy(), r.seconds(), r.history().size());
        assertEquals(200, r.history().size());
        assertTrue(r.testAccuracy() > 0.75, "test accuracy " + r.testAccuracy());
        assertTrue(r.seconds() < 60, "took " + r.seconds() + " s");
        assertTrue(r.history().get(199).trainLoss() < r.history().get(0).trainLoss());
        assertTrue(r.history().get(199).metrics().get("validate_accuracy") > 0.7);
    }
}
