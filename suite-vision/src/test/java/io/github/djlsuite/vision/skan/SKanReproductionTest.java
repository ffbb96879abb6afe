package io.github.djlsuite.vision.skan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.Catalog;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SKanReproductionTest {

    @TempDir
    Path tmp;

    @Test
    void isFoundByTheCatalogue() {
        Catalog.Entry e = Catalog.load().require("skan");
        assertTrue(e.implemented());
        assertEquals("suite-vision", e.family());
    }

    @Test
    void trainerNeedsExactlyThreePhases() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SKanTrainer.train(null, null, null, null, new int[] {10, 10}, (p, n) -> null));
        assertTrue(e.getMessage().contains("3 phases"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void smokeRunComparesAllModelsAndSKanBeatsTheMatchedMlp(String engine) throws Exception {
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve(engine, "cpu")).setOutputDir(tmp)
                .optScale(Scale.SMOKE).optProgress(false).optSeed(42).build();
        Report report = new SKanReproduction().run(ctx);
        Table rmse = report.tables().get(0);
        assertEquals(List.of("task", "S-KAN", "S-KAN before selection", "KAN B-spline", "KAN Chebyshev", "KAN Gaussian RBF", "KAN Fourier",
                "KAN Mexican-hat wavelet", "MLP (tanh)"), rmse.columns());
        assertEquals(2, rmse.rows().size());
        for (List<Object> row : rmse.rows()) {
            double skan = (Double) row.get(1);
            double mlp = (Double) row.get(row.size() - 1);
            for (Object cell : row.subList(1, row.size())) {
                assertTrue(Double.isFinite((Double) cell), row.toString());
            }
            // the paper's direction that the smoke budget can show: S-KAN fits better than an MLP of its size
            assertTrue(skan < mlp, engine + ": S-KAN " + skan + " vs MLP " + mlp + " on " + row.get(0));
        }
        for (String task : List.of("f3", "f2")) {
            double skan = (Double) report.metrics().get(task + ".rmse.skan");
            double std = (Double) report.metrics().get(task + ".target_std");
            assertTrue(skan < 0.6 * std, task + ": S-KAN RMSE " + skan + " should be well below the target's std " + std);
        }
        // parameter budget: the MLP matches the pruned S-KAN within one hidden unit (d + 2 scalars)
        Table params = report.tables().get(1);
        for (List<Object> row : params.rows()) {
            long all = ((Number) row.get(1)).longValue();
            long top2 = ((Number) row.get(2)).longValue();
            long pruned = ((Number) row.get(3)).longValue();
            long mlp = ((Number) row.get(6)).longValue();
            int d = row.get(0).equals("f3") || row.get(0).equals("f2") ? 2 : 4;
            assertTrue(pruned < top2 && top2 < all, "each phase must shrink the count: " + row);
            assertTrue(Math.abs(mlp - pruned) <= d + 2, "MLP " + mlp + " vs pruned S-KAN " + pruned);
        }
        // every output node of every layer keeps exactly one family after pruning: [d,5,1] has 6 nodes
        Table kept = report.tables().get(2);
        for (List<Object> row : kept.rows()) {
            int nodes = 0;
            for (Object c : row.subList(1, row.size())) {
                nodes += ((Number) c).intValue();
            }
            assertEquals(6, nodes, row.toString());
        }
        Path written = report.write(tmp.resolve("report"));
        assertTrue(Files.size(written.resolve("curves-f3.png")) > 1000);
        assertTrue(Files.readString(written.resolve("report.md")).contains(engine));
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void benchmarkReportsAllThreeLoopsAtSmokeScale(String engine) throws Exception {
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve(engine, "cpu")).setOutputDir(tmp)
                .optScale(Scale.SMOKE).optEpochs(20).optProgress(false).build();
        Report report = new SKanReproduction().benchmark(ctx);
        Table t = report.tables().get(0);
        assertEquals(List.of("engine", "harness", "EasyTrain loop", "raw loop", "harness vs EasyTrain %",
                "harness vs raw %", "reference PyTorch", "peak RSS MiB", "parameters"), t.columns());
        List<Object> row = t.rows().get(0);
        assertEquals(engine, row.get(0));
        for (int i = 1; i <= 3; i++) {
            double ms = (Double) row.get(i);
            assertTrue(ms > 0 && ms < 1000, "ms/step " + ms);
        }
        // KAN [4,5,1], B-spline G = 8: per unit D·G + D + 1 -> 5·(4·8+4+1) + 1·(5·8+5+1) = 185 + 46
        assertEquals(231L, ((Number) row.get(8)).longValue());
    }
}
