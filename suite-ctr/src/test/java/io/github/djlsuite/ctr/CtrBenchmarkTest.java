package io.github.djlsuite.ctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.Paper;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.report.Environment;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CtrBenchmarkTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void measuresTrainingAndInferenceAndRecordsThem(String engine) {
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve(engine, "cpu")).setOutputDir(tmp)
                .optProgress(false).build();
        int[] vocab = new int[4];
        Arrays.fill(vocab, 52);
        CtrLayout layout = CtrLayout.categorical(vocab, "click");
        Shape[] shapes = {new Shape(256, 4)};
        CtrBenchmark.Speed small = CtrBenchmark.measure(ctx, "small", Dnn.builder().setLayout(layout).optHidden(8)
                .build(), Loss.sigmoidBinaryCrossEntropyLoss(), shapes, CtrBenchmarkTest::batches, 3, 3);
        CtrBenchmark.Speed big = CtrBenchmark.measure(ctx, "big", Dnn.builder().setLayout(layout)
                .optHidden(1024, 1024, 1024).build(), Loss.sigmoidBinaryCrossEntropyLoss(), shapes,
                CtrBenchmarkTest::batches, 3, 1);
        assertEquals(3, small.trainRounds().length);
        double[] r = small.trainRounds().clone();
        Arrays.sort(r);
        assertEquals(r[1], small.trainSamplesPerSecond(), 0, "the median of three rounds");
        assertEquals(256, small.batch());
        // 2.1M parameters against 2.4k: the steps really run, so the big model is far slower in both passes
        assertTrue(big.parameters() > 500 * small.parameters(), big.parameters() + " vs " + small.parameters());
        assertTrue(big.trainSamplesPerSecond() < small.trainSamplesPerSecond() / 3,
                engine + ": " + big.trainSamplesPerSecond() + " vs " + small.trainSamplesPerSecond());
        assertTrue(big.inferenceMs() > small.inferenceMs(), big.inferenceMs() + " vs " + small.inferenceMs());

        Report report = new Report(new Paper("x", "t", "a", "v", 2026, "https://example.org"), "speed",
                Environment.capture(ctx));
        Table t = new Table("speed", CtrBenchmark.COLUMNS);
        CtrBenchmark.record(report, t, ctx, "small", "Small DNN", small, 1000);
        List<Object> row = t.rows().get(0);
        assertEquals(List.of(engine, "Small DNN"), row.subList(0, 2));
        assertEquals(256 / (small.inferenceMs() / 1000), (double) row.get(4), 1e-9);
        assertEquals(small.trainSamplesPerSecond(), report.metrics().get("small.train_samples_per_second"));
        assertEquals(small.inferenceMs(), report.metrics().get("small.inference_ms_per_batch"));

        assertThrows(IllegalArgumentException.class, () -> CtrBenchmark.measure(ctx, "none", Dnn.builder()
                .setLayout(layout).build(), Loss.sigmoidBinaryCrossEntropyLoss(), shapes, CtrBenchmarkTest::batches, 0, 1));
    }

    private static NDList[] batches(NDManager m) {
        Random r = new Random(1);
        NDList[] out = new NDList[2];
        for (int b = 0; b < out.length; b++) {
            int[] ids = new int[256 * 4];
            float[] y = new float[256];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 2 + r.nextInt(50);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextInt(2);
            }
            out[b] = new NDList(m.create(ids, new Shape(256, 4)), m.create(y, new Shape(256, 1)));
        }
        return out;
    }
}
