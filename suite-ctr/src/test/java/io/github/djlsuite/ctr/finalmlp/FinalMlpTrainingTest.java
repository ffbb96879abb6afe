package io.github.djlsuite.ctr.finalmlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.ctr.Dnn;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FinalMlpTrainingTest {

    @TempDir
    Path tmp;

    /**
     * With a strong planted interaction between fields 0 and 1, a main-effects-only model (logistic
     * regression on the embeddings: a DNN without hidden layers) cannot reach the Bayes AUC; FinalMLP
     * must beat it and close most of the gap to the Bayes-optimal AUC.
     */
    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void finalMlpLearnsThePlantedInteractionThatMainEffectsMiss(String engine) throws Exception {
        PlantedCtr.Data d = PlantedCtr.generate(new int[] {8, 8, 6, 10, 5, 7}, 24_000, 0, 1, -1, 0.3, 2.5, 17);
        FinalMlpReproduction.Split split = FinalMlpReproduction.Split.of(d);
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve(engine, "cpu")).setOutputDir(tmp)
                .optProgress(false).build();
        FinalMlpReproduction.Score lr = FinalMlpReproduction.trainAndScore(ctx, "lr",
                Dnn.builder().setLayout(split.layout()).optHidden().build(), split, 3, 128, 1, tmp.resolve("lr"));
        FinalMlpReproduction.Score fin = FinalMlpReproduction.trainAndScore(ctx, "finalmlp",
                FinalMlp.builder().setLayout(split.layout()).optMlp1(64, 64).optMlp2(32).optHeads(4).build(), split,
                3, 128, 1, tmp.resolve("fin"));
        double bayes = split.bayesAuc();
        assertTrue(Math.abs(bayes - split.oracleAuc()) < 1e-9, "no noise: Bayes = oracle"); // Data has no noise
        String msg = engine + ": FinalMLP " + fin.auc() + ", main effects " + lr.auc() + ", Bayes " + bayes;
        assertTrue(fin.auc() > lr.auc() + 0.02, msg);
        assertTrue(fin.auc() > bayes - 0.25 * (bayes - lr.auc()), msg); // closes ≥ 75 % of the gap
        assertTrue(fin.logLoss() < lr.logLoss(), msg + "; log loss " + fin.logLoss() + " vs " + lr.logLoss());
        System.out.println(msg);
    }
}
