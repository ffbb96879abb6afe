package io.github.djlsuite.ctr.dtrn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DtrnTest {

    static final int D = 4;
    static final int DC = 4;
    static final int H = 3;
    static final int B = 5;

    /** user, item, category; click and purchase histories of items; click and purchase labels. */
    static final CtrLayout LAYOUT = new CtrLayout(List.of("user", "item", "category"), new int[] {12, 20, 7},
            List.of(), List.of(new CtrLayout.Sequence("clicks", 20, 6, 1), new CtrLayout.Sequence("buys", 20, 4, 1)),
            List.of("click", "buy"));

    static float[] gaussian(int n, long seed, double scale) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return v;
    }

    /** Integer inputs: categorical ids, click history (lengths 6, 3, 0, 1, 5), purchase history. */
    static int[][] ids() {
        Random r = new Random(11);
        int[] cat = new int[B * 3];
        for (int i = 0; i < B; i++) {
            cat[3 * i] = 2 + r.nextInt(10);
            cat[3 * i + 1] = 2 + r.nextInt(18);
            cat[3 * i + 2] = 2 + r.nextInt(5);
        }
        int[] lens = {6, 3, 0, 1, 5};
        int[] clicks = new int[B * 6];
        int[] buys = new int[B * 4];
        for (int i = 0; i < B; i++) {
            for (int k = 0; k < lens[i]; k++) {
                clicks[6 * i + k] = 2 + r.nextInt(18);
            }
            for (int k = 0; k < Math.min(4, lens[(i + 2) % B]); k++) {
                buys[4 * i + k] = 2 + r.nextInt(18);
            }
        }
        return new int[][] {cat, clicks, buys};
    }

    static NDList inputs(NDManager m) {
        int[][] v = ids();
        return new NDList(m.create(v[0], new Shape(B, 3)), m.create(v[1], new Shape(B, 6)),
                m.create(v[2], new Shape(B, 4)));
    }

    static Shape[] inputShapes() {
        return new Shape[] {new Shape(B, 3), new Shape(B, 6), new Shape(B, 4)};
    }

    static Parameter param(Block block, String suffix) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue();
            }
        }
        throw new IllegalArgumentException("no parameter " + suffix);
    }

    static TaskSpecificInterestModule tim(boolean shared) {
        return TaskSpecificInterestModule.builder().setNumTasks(2).setNumBehaviours(2).setEmbeddingDim(D)
                .optContextDim(DC).optAttentionHidden(H).optHyperHidden(8).optShareAcrossTasks(shared).build();
    }

    static Shape[] timShapes(int len) {
        return new Shape[] {new Shape(B, D), new Shape(B, len, D), new Shape(B, len), new Shape(B, len, D),
                new Shape(B, len)};
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void hyperNetworkOutputsOneUnitPerContext(String engine) {
        assertEquals(4 * D * H + 2 * H + 1, HyperNetwork.parameterCount(D, H));
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            HyperNetwork h = HyperNetwork.builder().setEmbeddingDim(D).optAttentionHidden(H).optHidden(8).build();
            EngineSupport.initialize(h, m, new Shape(6, 2 * DC));
            NDArray out = EngineSupport.forward(h, m, m.create(gaussian(6 * 2 * DC, 1, 1), new Shape(6, 2 * DC))).head();
            assertEquals(new Shape(6, 4 * D * H + 2 * H + 1), out.getShape());
            assertEquals(out.getShape(), h.getOutputShapes(new Shape[] {new Shape(6, 2 * DC)})[0]);
            // small output init: generated units start small but not zero
            float max = out.abs().max().getFloat();
            assertTrue(max > 0 && max < 0.5, "max |θ| = " + max);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void generatedUnitsDifferBetweenPairsAndCoincideForEqualContexts(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 2)) {
            TaskSpecificInterestModule tim = tim(false);
            EngineSupport.initialize(tim, m, timShapes(6));
            ParameterStore ps = new ParameterStore(m, false);
            float[][] rows = rows(tim.generate(ps, m, false, null), 4);
            for (int i = 0; i < 4; i++) {
                for (int j = i + 1; j < 4; j++) {
                    assertTrue(maxDiff(rows[i], rows[j]) > 1e-5, "pairs " + i + " and " + j + " coincide");
                }
            }
            float[] tau = tim.taskEmbedding().getArray().toFloatArray();
            System.arraycopy(tau, 0, tau, DC, DC); // τ_1 := τ_0
            tim.taskEmbedding().getArray().set(tau);
            rows = rows(tim.generate(ps, m, false, null), 4); // row index t·Bt + b
            assertEquals(0, maxDiff(rows[0], rows[2]), "(0,0) vs (1,0)");
            assertEquals(0, maxDiff(rows[1], rows[3]), "(0,1) vs (1,1)");
            assertTrue(maxDiff(rows[0], rows[1]) > 1e-5, "behaviours still differ");
        }
    }

    static float[][] rows(NDArray theta, int n) {
        float[] all = theta.toFloatArray();
        int p = all.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, i * p, (i + 1) * p);
        }
        return out;
    }

    static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** Candidate, two histories (lengths per sample) with garbage values at padded positions. */
    static NDList timInputs(NDManager m, int len, int[] lengths, long seed) {
        float[] mask = new float[B * len];
        for (int i = 0; i < B; i++) {
            for (int k = 0; k < lengths[i]; k++) {
                mask[i * len + k] = 1;
            }
        }
        NDArray mk = m.create(mask, new Shape(B, len));
        return new NDList(m.create(gaussian(B * D, seed, 1), new Shape(B, D)),
                m.create(gaussian(B * len * D, seed + 1, 1), new Shape(B, len, D)), mk,
                m.create(gaussian(B * len * D, seed + 2, 1), new Shape(B, len, D)), mk);
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void constantHyperOutputIsOneSharedDinUnit(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 3)) {
            TaskSpecificInterestModule tim = tim(false);
            EngineSupport.initialize(tim, m, timShapes(6));
            int p = HyperNetwork.parameterCount(D, H);
            float[] theta = gaussian(p, 4, 0.5);
            tim.hyperNetwork().outputLayer().getParameters().get("weight").getArray().set(new float[p * 8]);
            tim.hyperNetwork().outputLayer().getParameters().get("bias").getArray().set(theta);
            int[] lengths = {6, 3, 0, 1, 5};
            NDList in = timInputs(m, 6, lengths, 5);
            float[] u = EngineSupport.forward(tim, m, in.toArray(new NDArray[0])).head().toFloatArray(); // (B,2,2,D)
            float[] v = in.get(0).toFloatArray();
            for (int b = 0; b < 2; b++) {
                float[] e = in.get(1 + 2 * b).toFloatArray();
                for (int i = 0; i < B; i++) {
                    double[] expected = dinUnit(theta, v, e, i, 6, lengths[i]);
                    for (int t = 0; t < 2; t++) {
                        for (int k = 0; k < D; k++) {
                            float got = u[((i * 2 + t) * 2 + b) * D + k];
                            assertEquals(expected[k], got, 1e-5, "sample " + i + " task " + t + " behaviour " + b);
                            // every task uses exactly the same unit
                            assertEquals(u[((i * 2) * 2 + b) * D + k], got, 1e-6);
                        }
                    }
                }
            }
        }
    }

    /** DIN activation unit with θ = [W1 (4d×h) ; b1 ; w2 ; b2], softmax over the valid positions, in double. */
    static double[] dinUnit(float[] theta, float[] v, float[] e, int i, int len, int valid) {
        double[] s = new double[valid];
        for (int j = 0; j < valid; j++) {
            double[] x = new double[4 * D];
            for (int k = 0; k < D; k++) {
                double vk = v[i * D + k];
                double ek = e[(i * len + j) * D + k];
                x[k] = vk;
                x[D + k] = ek;
                x[2 * D + k] = vk - ek;
                x[3 * D + k] = vk * ek;
            }
            double score = theta[4 * D * H + 2 * H];
            for (int c = 0; c < H; c++) {
                double a = theta[4 * D * H + c];
                for (int r = 0; r < 4 * D; r++) {
                    a += x[r] * theta[r * H + c];
                }
                score += Math.max(0, a) * theta[4 * D * H + H + c];
            }
            s[j] = score;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : s) {
            max = Math.max(max, x);
        }
        double z = 0;
        for (double x : s) {
            z += Math.exp(x - max);
        }
        double[] u = new double[D];
        for (int j = 0; j < valid; j++) {
            double a = Math.exp(s[j] - max) / z;
            for (int k = 0; k < D; k++) {
                u[k] += a * e[(i * len + j) * D + k];
            }
        }
        return u;
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void timIsPaddingAndOrderInvariantAndSafeOnEmptyHistories(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 4)) {
            TaskSpecificInterestModule tim = tim(false);
            EngineSupport.initialize(tim, m, timShapes(6));
            // larger generated units so the attention is far from uniform
            NDArray w = tim.hyperNetwork().outputLayer().getParameters().get("weight").getArray();
            w.set(gaussian((int) w.size(), 9, 0.5));
            int[] lengths = {6, 3, 0, 1, 5};
            NDList in = timInputs(m, 6, lengths, 20);
            NDList out = EngineSupport.forward(tim, m, in.toArray(new NDArray[0]));
            float[] u = out.head().toFloatArray();
            assertFalse(Float.isNaN(out.head().sum().getFloat()));
            // softmax weights sum to 1 over valid positions, 0 on padding and on the empty history
            float[] alpha = out.get(1).toFloatArray(); // (B, T, 6)
            for (int i = 0; i < B; i++) {
                for (int t = 0; t < 2; t++) {
                    double sum = 0;
                    for (int j = 0; j < 6; j++) {
                        float a = alpha[(i * 2 + t) * 6 + j];
                        if (j >= lengths[i]) {
                            assertEquals(0f, a, 0f, "padding weight");
                        }
                        sum += a;
                    }
                    assertEquals(lengths[i] == 0 ? 0 : 1, sum, 1e-6, "sample " + i);
                }
            }
            for (int t = 0; t < 2; t++) {
                for (int b = 0; b < 2; b++) {
                    for (int k = 0; k < D; k++) {
                        assertEquals(0f, u[((2 * 2 + t) * 2 + b) * D + k], 0f, "empty history gives u = 0");
                    }
                }
            }
            // padding invariance: three more padded positions with garbage values
            NDList longer = timInputs(m, 9, lengths, 20);
            float[] e6 = in.get(1).toFloatArray();
            float[] e9 = longer.get(1).toFloatArray();
            float[] f6 = in.get(3).toFloatArray();
            float[] f9 = longer.get(3).toFloatArray();
            for (int i = 0; i < B; i++) {
                System.arraycopy(e6, i * 6 * D, e9, i * 9 * D, 6 * D);
                System.arraycopy(f6, i * 6 * D, f9, i * 9 * D, 6 * D);
            }
            longer.set(1, m.create(e9, new Shape(B, 9, D)));
            longer.set(3, m.create(f9, new Shape(B, 9, D)));
            float[] u9 = EngineSupport.forward(tim, m, longer.toArray(new NDArray[0])).head().toFloatArray();
            EngineSupport.assertAllClose(u, u9, 1e-6);
            // order invariance: reverse the valid positions of every sample
            float[] rev = e6.clone();
            float[] revF = f6.clone();
            for (int i = 0; i < B; i++) {
                for (int j = 0; j < lengths[i]; j++) {
                    int src = (i * 6 + lengths[i] - 1 - j) * D;
                    System.arraycopy(e6, src, rev, (i * 6 + j) * D, D);
                    System.arraycopy(f6, src, revF, (i * 6 + j) * D, D);
                }
            }
            NDList reversed = new NDList(in.get(0), m.create(rev, new Shape(B, 6, D)), in.get(2),
                    m.create(revF, new Shape(B, 6, D)), in.get(4));
            float[] ur = EngineSupport.forward(tim, m, reversed.toArray(new NDArray[0])).head().toFloatArray();
            EngineSupport.assertAllClose(u, ur, 1e-6);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void trmGatesLieInZeroTwoAndAreOneWithZeroExcitation(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 5)) {
            TaskSpecificRefinementModule trm = TaskSpecificRefinementModule.builder().setNumTasks(2).setNumFields(7)
                    .build();
            assertEquals(3, trm.reducedDim());
            Shape zs = new Shape(B, 2, 7, D);
            EngineSupport.initialize(trm, m, zs);
            NDArray z = m.create(gaussian((int) zs.size(), 6, 3), zs);
            NDList out = EngineSupport.forward(trm, m, z);
            assertEquals(new Shape(B, 2, 7 * D), out.get(0).getShape());
            float[] g = out.get(1).toFloatArray();
            double spread = 0;
            for (float v : g) {
                assertTrue(v > 0 && v < 2, "gate " + v);
                spread = Math.max(spread, Math.abs(v - 1));
            }
            assertTrue(spread > 0.05, "gates should depend on the input, max |a-1| = " + spread);
            // r = a ⊙ Z field-wise
            float[] r = out.get(0).toFloatArray();
            float[] zv = z.toFloatArray();
            for (int i = 0; i < zv.length; i++) {
                assertEquals(zv[i] * g[i / D], r[i], 1e-5);
            }
            trm.excitationWeight().getArray().set(new float[2 * 3 * 7]);
            trm.excitationBias().getArray().set(new float[2 * 7]);
            out = EngineSupport.forward(trm, m, z);
            for (float v : out.get(1).toFloatArray()) {
                assertEquals(1f, v, 0f);
            }
            EngineSupport.assertAllClose(zv, out.get(0).toFloatArray(), 0);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void taskBWithZeroWeightGetsNoGradient(String engine) {
        for (Dtrn.Head head : Dtrn.Head.values()) {
            try (NDManager m = EngineSupport.manager(engine, 6)) {
                Dtrn model = small(head).build();
                EngineSupport.initialize(model, m, inputShapes());
                randomise(model, m);
                for (Pair<String, Parameter> p : model.getParameters()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
                NDArray labels = m.create(new float[] {1, 0, 0, 0, 1, 1, 0, 0, 1, 0}, new Shape(B, 2));
                try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                    NDArray logits = model.forward(new ParameterStore(m, false), inputs(m), true).head();
                    gc.backward(new MultiTaskLoss(1f, 0f).evaluate(new NDList(labels), new NDList(logits)));
                }
                // task B's tower (and gate) get exactly zero, task A's do not
                for (Pair<String, Parameter> p : model.getParameters()) {
                    String k = p.getKey();
                    float norm = p.getValue().getArray().getGradient().abs().sum().getFloat();
                    if (k.contains("tower_1") || k.contains("gate_1")) {
                        assertEquals(0f, norm, 0f, head + " " + k);
                    }
                    if (k.contains("tower_0") && k.endsWith("weight")) {
                        assertTrue(norm > 0, head + " " + k);
                    }
                }
                // TRM_B's slice and τ_B: zero; TRM_A and τ_A: not
                for (String name : new String[] {"w1", "b1", "w2", "b2"}) {
                    NDArray grad = param(model.refinementModule(), name).getArray().getGradient();
                    assertEquals(0f, grad.get("1").abs().sum().getFloat(), 0f, head + " TRM_B " + name);
                    if (name.startsWith("w")) {
                        assertTrue(grad.get("0").abs().sum().getFloat() > 0, head + " TRM_A " + name);
                    }
                }
                NDArray tau = model.interestModule().taskEmbedding().getArray().getGradient();
                assertEquals(0f, tau.get("1").abs().sum().getFloat(), 0f, head + " τ_B");
                assertTrue(tau.get("0").abs().sum().getFloat() > 0, head + " τ_A");
            }
        }
    }

    static Dtrn.Builder small(Dtrn.Head head) {
        return Dtrn.builder().setLayout(LAYOUT).optEmbeddingDim(D).optContextDim(DC).optAttentionHidden(H)
                .optHead(head).optTowerHidden(8, 4).optExpertHidden(8).optExperts(3);
    }

    /** Embeddings and generated units large enough that every path carries signal. */
    static void randomise(Block model, NDManager m) {
        NDArray table = param(model, "table").getArray();
        table.set(gaussian((int) table.size(), 13, 0.5));
        NDArray w = param(model, "output_weight").getArray();
        w.set(gaussian((int) w.size(), 14, 0.3));
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void shapesAndAblations(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 7)) {
            for (Dtrn.Head head : Dtrn.Head.values()) {
                Dtrn full = small(head).build();
                EngineSupport.initialize(full, m, inputShapes());
                NDArray out = EngineSupport.forward(full, m, inputs(m).toArray(new NDArray[0])).head();
                assertEquals(new Shape(B, 2), out.getShape());
                assertEquals(3 + 2, full.numFields());
            }
            Dtrn timOnly = small(Dtrn.Head.TOWERS).optRefinement(false).build();
            EngineSupport.initialize(timOnly, m, inputShapes());
            assertNull(timOnly.refinementModule());
            NDList bottoms = timOnly.bottoms(new ParameterStore(m, false), inputs(m), false, null);
            assertEquals(new Shape(B, 2, 5 * D), bottoms.head().getShape());
            Dtrn trmOnly = small(Dtrn.Head.TOWERS).optTaskSpecificInterest(false).build();
            EngineSupport.initialize(trmOnly, m, inputShapes());
            randomise(trmOnly, m);
            assertEquals(new Shape(1, DC), trmOnly.interestModule().taskEmbedding().getArray().getShape());
            // TRM-only: both tasks pool the behaviours identically (same u in both task bottoms before TRM)
            NDList in = inputs(m);
            NDArray u = trmOnly.interestModule().forward(new ParameterStore(m, false), timIn(trmOnly, m, in), false)
                    .head();
            EngineSupport.assertAllClose(u.get(":, 0").toFloatArray(), u.get(":, 1").toFloatArray(), 0);
            // no sequences: DTRN is TRM + towers on the fields
            CtrLayout flat = new CtrLayout(List.of("a", "b"), new int[] {5, 6}, List.of("x"), List.of(),
                    List.of("t1", "t2", "t3"));
            Dtrn noSeq = Dtrn.builder().setLayout(flat).optEmbeddingDim(D).optTowerHidden(4).build();
            EngineSupport.initialize(noSeq, m, new Shape(B, 2), new Shape(B, 1));
            assertNull(noSeq.interestModule());
            NDArray o = EngineSupport.forward(noSeq, m, m.create(new int[2 * B], new Shape(B, 2)),
                    m.create(new float[B], new Shape(B, 1))).head();
            assertEquals(new Shape(B, 3), o.getShape());
        }
        CtrLayout noShare = new CtrLayout(List.of("a"), new int[] {5}, List.of(),
                List.of(new CtrLayout.Sequence("s", 9, 3, -1)), List.of("t"));
        assertThrows(IllegalArgumentException.class, () -> Dtrn.builder().setLayout(noShare).build());
    }

    static NDList timIn(Dtrn model, NDManager m, NDList inputs) {
        ParameterStore ps = new ParameterStore(m, false);
        NDArray e = model.embedding().forward(ps, inputs, false).head();
        NDList out = new NDList(e.get(":, 1, :"));
        for (int s = 0; s < 2; s++) {
            out.addAll(model.embedding().sequence(ps, inputs, s, false));
        }
        return out;
    }

    @Test
    void enginesAgreeForFixedWeights() {
        for (Dtrn.Head head : Dtrn.Head.values()) {
            Dtrn a = small(head).build();
            float[] ref;
            byte[] params;
            try (NDManager m = EngineSupport.manager("PyTorch", 8)) {
                EngineSupport.initialize(a, m, inputShapes());
                randomise(a, m);
                params = EngineSupport.saveParameters(a);
                ref = EngineSupport.forward(a, m, inputs(m).toArray(new NDArray[0])).head().toFloatArray();
            }
            Dtrn b = small(head).build();
            try (NDManager m = EngineSupport.manager("MXNet", 8)) {
                EngineSupport.initialize(b, m, inputShapes());
                EngineSupport.loadParameters(b, m, params);
                float[] other = EngineSupport.forward(b, m, inputs(m).toArray(new NDArray[0])).head().toFloatArray();
                EngineSupport.assertAllClose(ref, other, 1e-5);
            }
            double spread = 0;
            for (float v : ref) {
                spread = Math.max(spread, Math.abs(v - ref[0]));
            }
            assertTrue(spread > 1e-4, head + ": outputs should vary across samples and tasks");
        }
    }

    @Test
    void multiTaskLossIsTheWeightedSumOfPerTaskBce() {
        try (NDManager m = EngineSupport.manager("PyTorch", 9)) {
            float[] x = {2f, -1f, 0.5f, 3f};
            float[] y = {1f, 0f, 0f, 1f};
            float got = new MultiTaskLoss(0.5f, 2f).evaluate(new NDList(m.create(y, new Shape(2, 2))),
                    new NDList(m.create(x, new Shape(2, 2)))).getFloat();
            double[] task = new double[2];
            for (int i = 0; i < 4; i++) {
                double p = 1 / (1 + Math.exp(-x[i]));
                task[i % 2] += -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p)) / 2;
            }
            assertEquals(0.5 * task[0] + 2 * task[1], got, 1e-5);
        }
        assertThrows(IllegalArgumentException.class, () -> new MultiTaskLoss(1f, -1f));
    }
}
