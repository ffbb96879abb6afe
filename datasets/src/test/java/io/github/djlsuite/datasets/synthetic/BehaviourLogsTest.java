package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.ctr.CtrLayout;
import io.github.djlsuite.datasets.synthetic.BehaviourLogs.Config;
import io.github.djlsuite.datasets.synthetic.BehaviourLogs.Logs;
import io.github.djlsuite.datasets.synthetic.BehaviourLogs.Part;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BehaviourLogsTest {

    private static final Config SMALL = Config.din().withSize(200, 20_000);

    @Test
    void sameSeedSameLogsOtherSeedOtherLogs() {
        Logs a = BehaviourLogs.generate(SMALL, 5);
        Logs b = BehaviourLogs.generate(SMALL, 5);
        Logs c = BehaviourLogs.generate(SMALL, 6);
        assertArrayEquals(a.train().historyItems(), b.train().historyItems());
        assertArrayEquals(a.test().categorical(), b.test().categorical());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.test().probabilities(), b.test().probabilities());
        assertFalse(java.util.Arrays.equals(a.train().labels(), c.train().labels()));
    }

    @Test
    void layoutSharesTheCandidateVocabulariesAndReservesPadAndOov() {
        Logs logs = BehaviourLogs.generate(SMALL, 1);
        CtrLayout l = logs.layout();
        assertEquals(2, l.numCategorical());
        assertEquals(5002, l.vocab(0));
        assertEquals(42, l.vocab(1));
        assertEquals(0, l.sequences().get(0).sharedWith());
        assertEquals(1, l.sequences().get(1).sharedWith());
        assertEquals(50, l.sequences().get(0).maxLength());
        for (Part p : new Part[] {logs.train(), logs.test()}) {
            for (int i = 0; i < p.size(); i++) {
                int item = p.categorical()[2 * i];
                int cat = p.categorical()[2 * i + 1];
                assertTrue(item >= 2 && item < 5002 && cat >= 2 && cat < 42, "ids " + item + ", " + cat);
                assertEquals(logs.itemCategory()[item - 2] + 2, cat, "candidate category of sample " + i);
            }
        }
    }

    @Test
    void splitIsByUserAndSizesAddUp() {
        Logs logs = BehaviourLogs.generate(SMALL, 2);
        assertEquals(20_000, logs.train().size() + logs.test().size());
        Set<Integer> trainUsers = new HashSet<>();
        for (int u : logs.train().users()) {
            trainUsers.add(u);
        }
        Set<Integer> testUsers = new HashSet<>();
        for (int u : logs.test().users()) {
            assertFalse(trainUsers.contains(u), "user " + u + " in both parts");
            testUsers.add(u);
        }
        assertEquals(160, trainUsers.size());
        assertEquals(40, testUsers.size());
        assertEquals(16_000, logs.train().size());
    }

    @Test
    void historiesArePaddedOnTheRightAndCategoriesMatchItems() {
        Logs logs = BehaviourLogs.generate(SMALL, 3);
        Part p = logs.train();
        int l = p.maxLength();
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        for (int i = 0; i < p.size(); i++) {
            int len = p.lengths()[i];
            minLen = Math.min(minLen, len);
            maxLen = Math.max(maxLen, len);
            for (int j = 0; j < l; j++) {
                int item = p.historyItems()[i * l + j];
                int cat = p.historyCategories()[i * l + j];
                if (j < len) {
                    assertTrue(item >= 2, "sample " + i + " position " + j);
                    assertEquals(logs.itemCategory()[item - 2] + 2, cat);
                } else {
                    assertEquals(CtrLayout.PAD, item, "sample " + i + " position " + j + " should be padding");
                    assertEquals(CtrLayout.PAD, cat);
                }
            }
        }
        assertEquals(20, minLen);
        assertEquals(50, maxLen);
        // a shorter L keeps the most recent clicks: the same draws, truncated on the left
        Logs cut = BehaviourLogs.generate(SMALL.withMaxLength(10), 3);
        Part q = cut.train();
        for (int i = 0; i < 50; i++) {
            int len = p.lengths()[i];
            assertEquals(10, q.lengths()[i]);
            for (int j = 0; j < 10; j++) {
                assertEquals(p.historyItems()[i * l + len - 10 + j], q.historyItems()[i * 10 + j]);
            }
        }
    }

    @Test
    void eightyFivePercentOfClicksAreInTheUsersInterests() {
        Logs logs = BehaviourLogs.generate(SMALL, 4);
        long in = 0;
        long all = 0;
        Part p = logs.train();
        for (int i = 0; i < p.size(); i++) {
            int[] interests = logs.userInterests()[p.users()[i]];
            assertTrue(interests.length == 2 || interests.length == 3);
            for (int j = 0; j < p.lengths()[i]; j++) {
                int cat = p.historyCategories()[i * p.maxLength() + j] - 2;
                for (int q : interests) {
                    if (q == cat) {
                        in++;
                    }
                }
                all++;
            }
        }
        double frac = (double) in / all;
        assertEquals(0.85, frac, 0.005, "fraction of in-interest clicks over " + all);
        // the recorded fraction f is the share of history items in the candidate's category
        int i = 7;
        int cand = p.categorical()[2 * i + 1];
        int same = 0;
        for (int j = 0; j < p.lengths()[i]; j++) {
            same += p.historyCategories()[i * p.maxLength() + j] == cand ? 1 : 0;
        }
        assertEquals((double) same / p.lengths()[i], p.fractions()[i], 1e-12);
    }

    @Test
    void labelsFollowThePlantedSignal() {
        Logs logs = BehaviourLogs.generate(SMALL, 5);
        Part p = logs.train();
        double[] sum = new double[2];
        int[] n = new int[2];
        double labelMean = 0;
        double probMean = 0;
        for (int i = 0; i < p.size(); i++) {
            int g = p.fractions()[i] > 0.2 ? 1 : 0;
            sum[g] += p.labels()[i];
            n[g]++;
            labelMean += p.labels()[i];
            probMean += p.probabilities()[i];
        }
        assertTrue(n[1] > 300, "too few in-interest candidates: " + n[1]);
        double high = sum[1] / n[1];
        double low = sum[0] / n[0];
        // f ≈ 0.3 gives logit ≈ −0.25 (p ≈ 0.44) against ≈ −1 (p ≈ 0.28)
        assertTrue(high - low > 0.1, "CTR with f > 0.2: " + high + ", otherwise " + low);
        assertEquals(probMean / p.size(), labelMean / p.size(), 0.015, "labels are Bernoulli(p)");
        // no signal, no difference
        Config flat = new Config(200, 40, 5000, 2, 3, 20, 50, 0.85, 20_000, 0, -1, 0.5, 0.8, 50);
        Part q = BehaviourLogs.generate(flat, 5).train();
        double[] s2 = new double[2];
        int[] n2 = new int[2];
        for (int i = 0; i < q.size(); i++) {
            int g = q.fractions()[i] > 0.2 ? 1 : 0;
            s2[g] += q.labels()[i];
            n2[g]++;
        }
        assertEquals(s2[0] / n2[0], s2[1] / n2[1], 0.05);
    }

    @Test
    void candidatesFromInterestsStrengthenTheSignal() {
        Config strong = SMALL.withCandidateInInterest(0.5);
        Logs logs = BehaviourLogs.generate(strong, 6);
        Part p = logs.train();
        int in = 0;
        for (int i = 0; i < p.size(); i++) {
            int cat = p.categorical()[2 * i + 1] - 2;
            for (int q : logs.userInterests()[p.users()[i]]) {
                in += q == cat ? 1 : 0;
            }
        }
        // 0.5 from the interests plus 0.5 · (2.5 / 40) by chance
        assertEquals(0.5 + 0.5 * 2.5 / 40, (double) in / p.size(), 0.02);
        float[] f = new float[p.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) p.fractions()[i];
        }
        Part weak = BehaviourLogs.generate(SMALL, 6).train();
        float[] fw = new float[weak.size()];
        for (int i = 0; i < fw.length; i++) {
            fw[i] = (float) weak.fractions()[i];
        }
        double aucStrong = io.github.djlsuite.core.metrics.AucEvaluator.auc(f, p.labels());
        double aucWeak = io.github.djlsuite.core.metrics.AucEvaluator.auc(fw, weak.labels());
        assertTrue(aucStrong > aucWeak + 0.03, "signal AUC " + aucStrong + " vs spec's " + aucWeak);
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Config(10, 3, 100, 2, 3, 20, 50, 0.85, 100, 2.5, -1, 0.5, 0.8, 50));
        assertTrue(e.getMessage().contains("categories"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Config(10, 40, 100, 2, 3, 20, 50, 1.5, 100, 2.5, -1, 0.5, 0.8, 50));
        assertTrue(e.getMessage().contains("inInterest"), e.getMessage());
    }
}
