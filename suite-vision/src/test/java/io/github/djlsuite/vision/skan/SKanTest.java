package io.github.djlsuite.vision.skan;

import static io.github.djlsuite.vision.skan.BasisFunctionTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.djlsuite.core.testing.EngineSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SKanTest {

    private static final String ENGINES = "io.github.djlsuite.core.testing.EngineSupport#engines";

    private static SelectableKanLinear layer(Block model, int index) {
        return (SelectableKanLinear) model.getChildren().get(index).getValue();
    }

    private static long trainableScalars(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().requiresGradient() ? p.getValue().getArray().size() : 0;
        }
        return n;
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void functionFittingIsAStackOfSelectableLayers(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SequentialBlock model = SKan.functionFitting(4);
            assertEquals(2, model.getChildren().size());
            Shape in = new Shape(16, 4);
            EngineSupport.initialize(model, m, in);
            assertEquals(5, layer(model, 0).getUnits());
            assertEquals(1, layer(model, 1).getUnits());
            assertArrayEquals(BasisFamily.values(), layer(model, 0).getPool());
            assertEquals(new Shape(16, 1), EngineSupport.forward(model, m, m.randomUniform(-1, 1, in)).head().getShape());
            assertEquals(new Shape(16, 1), model.getOutputShapes(new Shape[] {in})[0]);
            // Second layer sees the 5 hidden units: D = 5.
            assertEquals(new Shape(1, 5, 8), layer(model, 1).getLayer(BasisFamily.BSPLINE).getDirectParameters()
                    .get("coefficients").getArray().getShape());
            // With the full mask every trainable scalar counts.
            assertEquals(trainableScalars(model), SKan.activeParameterCount(model));
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void pruneKeepsEachNodesPreferredFamilyAndCountsItsParameters(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SequentialBlock model = SKan.builder().setWidths(2, 5, 1).build();
            EngineSupport.initialize(model, m, new Shape(8, 2));
            // Hidden node j prefers family j; the output node prefers Chebyshev, then RBF.
            float[] alpha0 = new float[25];
            for (int j = 0; j < 5; j++) {
                alpha0[j * 5 + j] = 2f;
                alpha0[j * 5 + (j + 1) % 5] = 1f;
            }
            layer(model, 0).getDirectParameters().get("alpha").getArray().set(alpha0);
            layer(model, 1).getDirectParameters().get("alpha").getArray().set(new float[] {0f, 3f, 1f, 0f, 0f});

            SKan.keepTopFamilies(model, 2);
            // Layer 0 (D = 2): node j keeps families j and j+1, per node 2G + 2 + 1 plus 2 logits.
            // Pairs: (B,C) 19+13, (C,R) 13+19, (R,F) 19+19, (F,W) 19+19, (W,B) 19+19; each + 2 logits;
            // wavelet a, b 2·2·8 = 32. Layer 1 (D = 5): Chebyshev 31 + RBF 46 + 2 logits.
            long layer0 = (32 + 32 + 38 + 38 + 38) + 5 * 2 + 32;
            long layer1 = 31 + 46 + 2;
            assertEquals(layer0 + layer1, SKan.activeParameterCount(model));

            SKan.prune(model);
            List<BasisFamily[]> selected = SKan.selectedFamilies(model);
            assertArrayEquals(BasisFamily.values(), selected.get(0));
            assertArrayEquals(new BasisFamily[] {BasisFamily.CHEBYSHEV}, selected.get(1));
            for (float[] row : layer(model, 0).getMask()) {
                float sum = 0;
                for (float v : row) {
                    sum += v;
                }
                assertEquals(1f, sum);
            }
            // Layer 0: 19 (B) + 13 (C) + 19 (R) + 19 (F) + 19 (W) + 32 (wavelet a, b); layer 1: 5·5 + 5 + 1.
            assertEquals(121 + 31, SKan.activeParameterCount(model));
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void kanBaselineIsAStackOfSingleFamilyLayers(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SequentialBlock model = SKan.kan(BasisFamily.RBF, 2, 3, 1);
            Shape in = new Shape(7, 2);
            EngineSupport.initialize(model, m, in);
            for (Pair<String, Block> child : model.getChildren()) {
                assertEquals(BasisFamily.RBF, ((KanLinear) child.getValue()).getBasis().family());
            }
            assertEquals(new Shape(7, 1), EngineSupport.forward(model, m, m.randomUniform(-1, 1, in)).head().getShape());
            // 3 × (2·8 + 2 + 1) + 1 × (3·8 + 3 + 1).
            assertEquals(57 + 28, SKan.activeParameterCount(model));
            assertEquals(85, trainableScalars(model));
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void prunedModelSurvivesSaveAndLoad(String engine) {
        Shape in = new Shape(5, 2);
        float[] x = ReferenceBases.uniform(31, 10, -1, 1);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SequentialBlock model = SKan.functionFitting(2);
            EngineSupport.initialize(model, m, in);
            layer(model, 0).getDirectParameters().get("alpha").getArray().set(ReferenceBases.uniform(32, 25, -2, 2));
            SKan.prune(model);
            byte[] saved = EngineSupport.saveParameters(model);
            SequentialBlock loaded = SKan.functionFitting(2);
            EngineSupport.loadParameters(loaded, m, saved);
            assertArrayEquals(SKan.selectedFamilies(model).get(0), SKan.selectedFamilies(loaded).get(0));
            assertEquals(SKan.activeParameterCount(model), SKan.activeParameterCount(loaded));
            EngineSupport.assertAllClose(EngineSupport.forward(model, m, m.create(x, in)).head().toFloatArray(),
                    EngineSupport.forward(loaded, m, m.create(x, in)).head().toFloatArray(), 0);
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void aTrainerSeesAMaskChangedBetweenSteps(String engine) {
        Shape in = new Shape(16, 2);
        try (Model model = Model.newInstance("skan", engine)) {
            SequentialBlock block = SKan.functionFitting(2);
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new io.github.djlsuite.core.train.MseLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(in);
                NDManager m = trainer.getManager();
                NDArray x = m.create(ReferenceBases.uniform(34, 32, -1, 1), in);
                NDArray y = x.sum(new int[] {1}, true).sin();
                for (int step = 0; step < 6; step++) {
                    if (step == 3) {
                        SKan.prune(block); // phase 3 in the middle of training
                    }
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        gc.backward(trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x))));
                    }
                    trainer.step();
                }
                // After pruning, node j of each layer is exactly its selected family's unit j.
                ParameterStore ps = new ParameterStore(m, false);
                NDArray h = x;
                for (Pair<String, Block> child : block.getChildren()) {
                    SelectableKanLinear layer = (SelectableKanLinear) child.getValue();
                    BasisFamily[] selected = layer.selectedFamilies();
                    int units = selected.length;
                    float[] next = new float[16 * units];
                    for (int j = 0; j < units; j++) {
                        float[] yk = layer.getLayer(selected[j]).forward(ps, new NDList(h), false).head().toFloatArray();
                        for (int b = 0; b < 16; b++) {
                            next[b * units + j] = yk[b * units + j];
                        }
                    }
                    h = m.create(next, new Shape(16, units));
                }
                EngineSupport.assertAllClose(h.toFloatArray(),
                        trainer.evaluate(new NDList(x)).head().toFloatArray(), 1e-6);
            }
        }
    }

    @Test
    void sameOutputOnPyTorchAndMxnet() {
        float[] x = ReferenceBases.uniform(33, 12 * 2, -1, 1);
        double skan = EngineSupport.crossEngineMaxDiff(() -> SKan.functionFitting(2), x, new Shape(12, 2));
        assertTrue(skan <= 1e-5, "S-KAN: engines differ by " + skan);
        double kan = EngineSupport.crossEngineMaxDiff(() -> SKan.kan(BasisFamily.BSPLINE, 2, 5, 1), x, new Shape(12, 2));
        assertTrue(kan <= 1e-5, "KAN: engines differ by " + kan);
    }

    @Test
    void badSettingsAreRejectedWithTheValue() {
        assertMessage("widths need at least the input and output width, got [4]",
                () -> SKan.builder().setWidths(4).build());
        assertMessage("widths need at least the input and output width, got null", () -> SKan.builder().build());
        assertMessage("widths must be > 0, got [4, 0, 1]", () -> SKan.builder().setWidths(4, 0, 1).build());
        assertMessage("widths must be > 0, got [2, -5]", () -> SKan.kan(BasisFamily.FOURIER, 2, -5));
        assertMessage("family must not be null", () -> SKan.kan(null, 2, 1));
        assertMessage("pool must name at least one basis family", () -> SKan.builder().setWidths(2, 1).optPool().build());
        assertMessage("got [RBF, RBF]",
                () -> SKan.builder().setWidths(2, 1).optPool(BasisFamily.RBF, BasisFamily.RBF).build());
        assertMessage("model has no SelectableKanLinear layer: SequentialBlock", () -> {
            SKan.prune(SKan.kan(BasisFamily.RBF, 2, 1));
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void selectionRenormalisesTheKeptFamiliesWeights(String engine) {
        Shape in = new Shape(8, 3);
        try (NDManager m = EngineSupport.manager(engine, 5)) {
            SelectableKanLinear layer = SelectableKanLinear.builder().setUnits(4).build();
            EngineSupport.initialize(layer, m, in);
            layer.getParameters().get("alpha").getArray().set(ReferenceBases.uniform(9, 4 * 5, -2, 2));
            NDArray x = m.create(ReferenceBases.uniform(10, 24, -1, 1), in);
            BasisFamily[] pool = layer.getPool();
            float[][] before = layer.familyWeights();
            float[][] perFamily = new float[pool.length][];
            for (int k = 0; k < pool.length; k++) {
                perFamily[k] = EngineSupport.forward(layer.getLayer(pool[k]), m, x).head().toFloatArray();
            }
            for (int keep : new int[] {2, 1}) {
                layer.keepTopFamilies(keep);
                float[][] mask = layer.getMask();
                float[] expected = new float[8 * 4];
                for (int j = 0; j < 4; j++) {
                    double kept = 0; // the softmax over the kept logits = old weights / their total
                    for (int k = 0; k < pool.length; k++) {
                        kept += mask[j][k] * before[j][k];
                    }
                    for (int b = 0; b < 8; b++) {
                        for (int k = 0; k < pool.length; k++) {
                            expected[b * 4 + j] += (float) (mask[j][k] * before[j][k] / kept * perFamily[k][b * 4 + j]);
                        }
                    }
                }
                EngineSupport.assertAllClose(expected, EngineSupport.forward(layer, m, x).head().toFloatArray(), 1e-5);
            }
        }
    }
}
