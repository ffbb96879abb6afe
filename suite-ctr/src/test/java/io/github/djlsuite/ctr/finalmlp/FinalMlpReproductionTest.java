package io.github.djlsuite.ctr.finalmlp;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FinalMlpReproductionTest {

    @TempDir
    Path tmp;

    @Test
    void isFoundByTheCatalogue() {
        Catalog.Entry e = Catalog.load().require("finalmlp");
        assertEquals("suite-ctr", e.family());
    }

    /** q(l) = E[σ(l + σz)]: σ(l) without noise, ½ at l = 0 by symmetry, pulled towards ½ otherwise. */
    @Test
    void expectedSigmoidMatchesLimitsAndMonteCarlo() {
        assertEquals(1 / (1 + Math.exp(-1.3)), FinalMlpReproduction.expectedSigmoid(1.3, 0), 1e-15);
        assertEquals(0.5, FinalMlpReproduction.expectedSigmoid(0, 0.7), 1e-12);
        java.util.Random r = new java.util.Random(5);
        double mc = 0;
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            mc += 1 / (1 + Math.exp(-(-1.5 + 0.3 * r.nextGaussian())));
        }
        double q = FinalMlpReproduction.expectedSigmoid(-1.5, 0.3);
        assertEquals(mc / n, q, 1e-4);
        assertTrue(q > 1 / (1 + Math.exp(1.5))); // below ½ the noise raises the mean probability
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void smokeRunComparesAllModels(String engine) throws Exception {
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve(engine, "cpu")).setOutputDir(tmp)
                .optScale(Scale.SMOKE).optProgress(false).optSeed(42).build();
        Report report = new FinalMlpReproduction().run(ctx);
        Table t = report.tables().get(0);
        assertEquals(List.of("model", "AUC mean", "AUC std", "logloss mean", "logloss std", "parameters",
                "train s/seed"), t.columns());
        assertEquals(List.of("DNN", "DeepFM", "DualMLP", "FinalMLP", "FinalMLP w/o gating", "FinalMLP 1 head",
                "Bayes-optimal (features)", "Oracle (true p, knows the noise)"),
                t.rows().stream().map(r -> r.get(0)).toList());
        double bayes = (Double) report.metrics().get("auc.bayes");
        double bayesLl = (Double) report.metrics().get("logloss.bayes");
        // the oracle also knows each row's logit noise, so it beats the best predictor from the features
        assertTrue((Double) report.metrics().get("auc.oracle") > bayes);
        assertTrue((Double) report.metrics().get("logloss.oracle") < bayesLl);
        assertEquals(0.2, (Double) report.metrics().get("data.ctr"), 0.02); // calibrated click rate
        for (String key : List.of("dnn", "deepfm", "dualmlp", "finalmlp", "finalmlp-nogate", "finalmlp-1head")) {
            double auc = (Double) report.metrics().get("auc." + key);
            double ll = (Double) report.metrics().get("logloss." + key);
            // every model learns the planted signal, and none beats the Bayes-optimal predictor by more than noise
            assertTrue(auc > 0.5 + 0.5 * (bayes - 0.5), key + ": AUC " + auc + " vs Bayes " + bayes);
            assertTrue(auc < bayes + 0.02, key + ": AUC " + auc + " above Bayes " + bayes);
            assertTrue(Double.isFinite(ll) && ll < 0.69, key + ": log loss " + ll);
            // no model of the features beats the Bayes-optimal log loss by more than test-set noise
            assertTrue(ll > bayesLl - 0.02, key + ": log loss " + ll + " below Bayes " + bayesLl);
        }
        // the direction smoke can show: FinalMLP is at least as good as the DNN, up to seed noise
        double fin = (Double) report.metrics().get("auc.finalmlp");
        double dnn = (Double) report.metrics().get("auc.dnn");
        double noise = Math.max(0.01, 3 * (Double) report.metrics().get("auc_std.finalmlp"));
        assertTrue(fin > dnn - noise, "FinalMLP " + fin + " vs DNN " + dnn);
        // the Criteo sample format check: one row per model, finite training losses
        assertEquals(Boolean.TRUE, report.metrics().get("criteo.checked"));
        Table criteo = report.tables().get(1);
        assertEquals(List.of("model", "test AUC", "test logloss", "final train loss", "parameters"), criteo.columns());
        assertEquals(6, criteo.rows().size());
        for (String key : List.of("dnn", "deepfm", "dualmlp", "finalmlp", "finalmlp-nogate", "finalmlp-1head")) {
            double loss = (Double) report.metrics().get("criteo.train_loss." + key);
            assertTrue(Double.isFinite(loss) && loss < 1, key + ": Criteo train loss " + loss);
        }
        Path written = report.write(tmp.resolve("report"));
        assertTrue(Files.size(written.resolve("validation-auc.png")) > 1000);
        assertTrue(Files.readString(written.resolve("report.md")).contains("FinalMLP"));
    }
}
