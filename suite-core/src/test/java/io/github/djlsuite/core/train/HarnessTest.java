package io.github.djlsuite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.djlsuite.core.nn.Mlp;
import io.github.djlsuite.core.testing.EngineSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HarnessTest {

    private static final String ENGINES = "io.github.djlsuite.core.testing.EngineSupport#engines";
    private static final int N = 64;
    private static final int D = 3;

    @TempDir
    Path tmp;

    /** y = x1 - 2 x2 + 0.5 x3 + noise; {@code nanRow >= 0} poisons that row's first feature. */
    private static ArrayDataset data(NDManager m, int batch, boolean shuffle, int nanRow) {
        Random r = new Random(3);
        float[] x = new float[N * D];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) r.nextGaussian();
            }
            y[i] = x[i * D] - 2 * x[i * D + 1] + 0.5f * x[i * D + 2] + 0.01f * (float) r.nextGaussian();
        }
        if (nanRow >= 0) {
            x[nanRow * D] = Float.NaN;
        }
        return new ArrayDataset.Builder().setData(m.create(x, new Shape(N, D)))
                .optLabels(m.create(y, new Shape(N, 1))).setSampling(batch, shuffle).build();
    }

    private static Model model(String engine) {
        Model model = Model.newInstance("mlp", Device.cpu(), engine);
        model.setBlock(Mlp.builder().setWidths(D, 8, 1).optActivation(Mlp.Act.TANH).build());
        return model;
    }

    private static float[] flatParameters(Model model) {
        List<Float> all = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    private static TrainConfig.Builder sgd(int epochs, float lr) {
        return TrainConfig.builder().setLoss(new MseLoss()).setEpochs(epochs).optSeed(11)
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build());
    }

    private static double norm(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void sameSeedSameEngineGivesSameNumbers(String engine) throws Exception {
        List<List<Double>> runs = new ArrayList<>();
        for (long seed : new long[] {7, 7, 8}) {
            List<Double> losses = new ArrayList<>();
            try (Model model = model(engine)) {
                // shuffled batches: the seed must fix both the initialisation and the sampling order
                TrainConfig cfg = TrainConfig.builder().setLoss(new MseLoss()).setEpochs(5).optSeed(seed)
                        .optLearningRate(0.01f).build();
                TrainingHistory h = Harness.fit(model, cfg, data(model.getNDManager(), 16, true, -1), null,
                        new Shape(1, D));
                h.epochs().forEach(e -> losses.add(e.trainLoss()));
            }
            runs.add(losses);
        }
        assertEquals(5, runs.get(0).size());
        assertEquals(runs.get(0), runs.get(1), "two runs with seed 7 on " + engine + " must give identical losses");
        assertNotEquals(runs.get(0), runs.get(2), "seed 8 should differ from seed 7");
        assertTrue(runs.get(0).get(4) < runs.get(0).get(0), "loss should fall: " + runs.get(0));
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void resumedRunEqualsUninterruptedRun(String engine) throws Exception {
        float[] uninterrupted;
        try (Model model = model(engine)) {
            Harness.fit(model, sgd(6, 0.05f).build(), data(model.getNDManager(), 16, false, -1), null,
                    new Shape(1, D));
            uninterrupted = flatParameters(model);
        }
        Path dir = tmp.resolve("run");
        try (Model model = model(engine)) { // "killed" after 3 epochs: the last checkpoint is epoch 3
            Harness.fit(model, sgd(3, 0.05f).optOutputDir(dir).build(), data(model.getNDManager(), 16, false, -1),
                    null, new Shape(1, D));
        }
        assertTrue(Files.isRegularFile(dir.resolve(Checkpoint.FILE)));
        float[] resumed;
        TrainingHistory h;
        try (Model model = model(engine)) {
            h = Harness.fit(model, sgd(6, 0.05f).optOutputDir(dir).optResume(true).build(),
                    data(model.getNDManager(), 16, false, -1), null, new Shape(1, D));
            resumed = flatParameters(model);
        }
        assertEquals(3, h.resumedFrom());
        assertEquals(6, h.epochs().size(), "history holds restored and new epochs");
        EngineSupport.assertAllClose(uninterrupted, resumed, 1e-6);
        List<String> csv = Files.readAllLines(dir.resolve(Harness.METRICS_CSV), StandardCharsets.UTF_8);
        assertEquals(7, csv.size(), "header + 6 epochs: " + csv);
        assertTrue(csv.get(0).startsWith("epoch,train_loss,validate_loss"));
        assertTrue(csv.get(6).startsWith("6,"));
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void nanLossStopsNamingEpochAndBatchWithoutUpdating(String engine) throws Exception {
        try (Model model = model(engine)) {
            // row 40 sits in the third batch of 16 (rows 32..47), no shuffling
            ArrayDataset poisoned = data(model.getNDManager(), 16, false, 40);
            List<float[]> afterBatch = new ArrayList<>();
            TrainConfig cfg = sgd(2, 0.05f).addTrainingListener(new TrainingListenerAdapter() {
                @Override
                public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                    afterBatch.add(flatParameters(trainer.getModel()));
                }
            }).build();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> Harness.fit(model, cfg, poisoned, null, new Shape(1, D)));
            assertTrue(e.getMessage().contains("epoch 1, batch 3"), e.getMessage());
            // the listener saw the parameters before each step; the bad step must not have changed them
            float[] now = flatParameters(model);
            EngineSupport.assertAllClose(afterBatch.get(2), now, 0);
            for (float v : now) {
                assertTrue(Float.isFinite(v), "parameters must stay finite");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void gradientClippingBoundsTheUpdate(String engine) throws Exception {
        float clip = 0.01f;
        for (boolean clipped : new boolean[] {true, false}) {
            try (Model model = model(engine)) {
                List<float[]> before = new ArrayList<>();
                TrainConfig.Builder b = sgd(1, 1f).addTrainingListener(new TrainingListenerAdapter() {
                    @Override
                    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                        before.add(flatParameters(trainer.getModel())); // after backward, before the step
                    }
                });
                if (clipped) {
                    b.optClipGradNorm(clip);
                }
                Harness.fit(model, b.build(), data(model.getNDManager(), N, false, -1), null, new Shape(1, D));
                double step = norm(before.get(0), flatParameters(model)); // lr 1: step = |clipped gradient|
                if (clipped) {
                    assertTrue(step <= clip * 1.001, "clipped step " + step + " > " + clip);
                    assertTrue(step >= clip * 0.999, "step " + step + " should be clipped to exactly " + clip);
                } else {
                    assertTrue(step > 10 * clip, "unclipped gradient should be large, was " + step);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void earlyStoppingEndsARunThatStopsImproving(String engine) throws Exception {
        try (Model model = model(engine)) {
            NDManager m = model.getNDManager();
            TrainConfig cfg = sgd(50, 0f).optEarlyStopping(2).build(); // lr 0: validation never improves
            TrainingHistory h = Harness.fit(model, cfg, data(m, 16, false, -1), data(m, 16, false, -1),
                    new Shape(1, D));
            assertNotNull(h.stopReason());
            assertEquals(3, h.epochs().size(), "first epoch sets the reference, two more without improvement");
            assertTrue(h.lastValidationLoss().isPresent());
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void learningRateScheduleIsAppliedAndLogged(String engine) throws Exception {
        // 4 batches per epoch; DJL counts updates from 1: the first epoch learns, then lr is 0
        Tracker schedule = numUpdate -> numUpdate <= 4 ? 0.01f : 0f;
        try (Model model = model(engine)) {
            TrainConfig cfg = TrainConfig.builder().setLoss(new MseLoss()).setEpochs(3).optSeed(1)
                    .optLearningRate(schedule).optOutputDir(tmp.resolve("lr")).build();
            TrainingHistory h = Harness.fit(model, cfg, data(model.getNDManager(), 16, false, -1), null,
                    new Shape(1, D));
            assertNull(h.stopReason());
            assertEquals(0.01, h.epochs().get(0).learningRate(), 1e-9);
            assertEquals(0.0, h.epochs().get(1).learningRate(), 0);
            // frozen parameters from epoch 2 on: the same data gives the same loss; epoch 1 still moved
            assertEquals(h.epochs().get(1).trainLoss(), h.epochs().get(2).trainLoss(), 1e-7);
            assertNotEquals(h.epochs().get(0).trainLoss(), h.epochs().get(1).trainLoss());
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void openArrayCountStaysFlatOver2000Steps(String engine) throws Exception {
        List<Integer> counts = new ArrayList<>();
        try (Model model = model(engine)) {
            TrainConfig cfg = TrainConfig.builder().setLoss(new MseLoss()).setEpochs(500).optSeed(1)
                    .addTrainingListener(new TrainingListenerAdapter() {
                        @Override
                        public void onEpoch(Trainer trainer) {
                            counts.add(model.getNDManager().getManagedArrays().size());
                        }
                    }).build();
            // 4 batches per epoch x 500 epochs = 2,000 optimizer steps
            Harness.fit(model, cfg, data(model.getNDManager(), 16, true, -1), null, new Shape(1, D));
        }
        assertEquals(500, counts.size());
        int early = counts.get(4);
        int late = counts.get(counts.size() - 1);
        assertEquals(early, late, "open arrays grew from " + early + " (step 20) to " + late + " (step 2000)");
    }
}
