package io.github.djlsuite.ctr.din;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.Catalog;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.metrics.AucEvaluator;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DinReproductionTest {

    @TempDir
    Path tmp;

    @Test
    void isFoundByTheCatalogue() {
        Catalog.Entry e = Catalog.load().require("din");
        assertEquals("suite-ctr", e.family());
    }

    /** Brute force: pairs (positive, negative) of one user, ties ½, weighted by the user's sample count. */
    static double bruteGauc(float[] s, float[] y, int[] u) {
        double num = 0;
        double den = 0;
        for (int user = 0; user < 10; user++) {
            double pairs = 0;
            double wins = 0;
            int n = 0;
            for (int i = 0; i < s.length; i++) {
                if (u[i] != user) {
                    continue;
                }
                n++;
                for (int j = 0; j < s.length; j++) {
                    if (u[j] == user && y[i] == 1 && y[j] == 0) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            if (pairs > 0) {
                num += n * wins / pairs;
                den += n;
            }
        }
        return num / den;
    }

    @Test
    void gaucMatchesBruteForce() {
        Random r = new Random(3);
        int n = 300;
        float[] s = new float[n];
        float[] y = new float[n];
        int[] u = new int[n];
        for (int i = 0; i < n; i++) {
            u[i] = r.nextInt(10);
            y[i] = r.nextDouble() < 0.3 + 0.04 * u[i] ? 1 : 0;
            s[i] = r.nextInt(20) + (y[i] == 1 ? 3 : 0); // integer scores: ties happen
        }
        for (int i = 0; i < n; i++) {
            if (u[i] == 9) {
                y[i] = 0; // one user with a single class is skipped
            }
        }
        assertEquals(bruteGauc(s, y, u), DinReproduction.gauc(s, y, u), 1e-12);
        // one user only: gAUC = AUC
        int[] one = new int[n];
        assertEquals(AucEvaluator.auc(s, y), DinReproduction.gauc(s, y, one), 1e-12);
    }

    @Test
    void smokeRunComparesAllModels() throws Exception {
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve("PyTorch", "cpu")).setOutputDir(tmp)
                .optScale(Scale.SMOKE).optProgress(false).optSeed(42).build();
        Report report = new DinReproduction().run(ctx);
        Table t = report.tables().get(0);
        assertEquals(List.of("model", "AUC mean", "AUC std", "gAUC mean", "logloss mean", "logloss std",
                "parameters", "train s/seed"), t.columns());
        assertEquals(List.of("BaseModel (sum pooling)", "DIN, PReLU", "DIN, Dice", "DIN, Dice, softmax attention",
                "true p (noise draw included)", "planted signal f (feature-recoverable)"),
                t.rows().stream().map(r -> r.get(0)).toList());
        double truth = (Double) report.metrics().get("auc.true_p");
        for (String key : List.of("base", "din-prelu", "din-dice", "din-softmax")) {
            double auc = (Double) report.metrics().get("auc." + key);
            double ll = (Double) report.metrics().get("logloss." + key);
            assertTrue(auc > 0.4 && auc < truth + 0.03, key + ": AUC " + auc + " vs true p " + truth);
            assertTrue(Double.isFinite(ll) && ll < 0.75, key + ": log loss " + ll);
        }
        // the claim's direction, with smoke-sized noise allowed
        double din = (Double) report.metrics().get("auc.din-dice");
        double base = (Double) report.metrics().get("auc.base");
        assertTrue(din > base - 0.02, "DIN " + din + " vs BaseModel " + base);
        // the stronger-signal comparison: same columns, the claim's two models, a planted signal above the spec's
        Table strong = report.tables().get(1);
        assertEquals(t.columns(), strong.columns());
        assertEquals(List.of("BaseModel (sum pooling)", "DIN, Dice", "true p (noise draw included)",
                "planted signal f (feature-recoverable)"), strong.rows().stream().map(r -> r.get(0)).toList());
        assertTrue((Double) report.metrics().get("interest50.auc.signal") > (Double) report.metrics().get("auc.signal"),
                "drawing candidates from the interests strengthens the planted signal");
        assertTrue(Double.isFinite((Double) report.metrics().get("interest50.claim.din_minus_base")));
        Path written = report.write(tmp.resolve("report"));
        assertTrue(Files.size(written.resolve("validation-auc.png")) > 1000);
        assertTrue(Files.readString(written.resolve("report.md")).contains("DIN"));
    }
}
