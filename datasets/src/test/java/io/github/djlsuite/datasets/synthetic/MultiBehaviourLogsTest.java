package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultiBehaviourLogsTest {

    private static final MultiBehaviourLogs.Config CONFIG = MultiBehaviourLogs.Config.smoke(20_000);

    @Test
    void sameSeedSameLogsOtherSeedOtherLogs() {
        MultiBehaviourLogs.Data a = MultiBehaviourLogs.generate(CONFIG, 3);
        MultiBehaviourLogs.Data b = MultiBehaviourLogs.generate(CONFIG, 3);
        MultiBehaviourLogs.Data c = MultiBehaviourLogs.generate(CONFIG, 4);
        assertArrayEquals(a.train().categorical(), b.train().categorical());
        assertArrayEquals(a.test().clicks(), b.test().clicks());
        assertArrayEquals(a.valid().labels(), b.valid().labels());
        assertArrayEquals(a.train().trueProb(), b.train().trueProb());
        assertFalse(java.util.Arrays.equals(a.train().labels(), c.train().labels()));
    }

    @Test
    void splitIsByUserEightyTenTenAndUnseenUsersAreOov() {
        MultiBehaviourLogs.Data d = MultiBehaviourLogs.generate(CONFIG, 1);
        assertEquals(CONFIG.samples(), d.train().size() + d.valid().size() + d.test().size());
        Set<Integer> train = users(d.train());
        Set<Integer> valid = users(d.valid());
        Set<Integer> test = users(d.test());
        for (int u : valid) {
            assertFalse(train.contains(u) || test.contains(u), "user " + u + " in two splits");
        }
        for (int u : test) {
            assertFalse(train.contains(u), "user " + u + " in train and test");
        }
        double frac = d.train().size() / (double) CONFIG.samples();
        assertTrue(frac > 0.75 && frac < 0.85, "train fraction " + frac);
        for (int i = 0; i < d.test().size(); i++) {
            assertEquals(CtrLayout.OOV, d.test().categorical()[4 * i]);
        }
        for (int i = 0; i < d.train().size(); i++) {
            assertEquals(d.train().users()[i] + 2, d.train().categorical()[4 * i]);
        }
    }

    private static Set<Integer> users(MultiBehaviourLogs.Part p) {
        Set<Integer> s = new HashSet<>();
        for (int u : p.users()) {
            s.add(u);
        }
        return s;
    }

    @Test
    void priceRaisesClickAndLowersPurchaseProbability() {
        MultiBehaviourLogs.Data d = MultiBehaviourLogs.generate(CONFIG, 2);
        // the planted logits: one price level up = +0.3 on a and -0.8 on b, all else equal
        int cheap = -1;
        int dear = -1;
        for (int j = 0; j < d.itemPrice().length && (cheap < 0 || dear < 0); j++) {
            if (d.itemPrice()[j] == 0 && cheap < 0) {
                cheap = j;
            }
            if (d.itemPrice()[j] == 9 && dear < 0) {
                dear = j;
            }
        }
        double[] lc = d.logits(0, cheap);
        double[] ld = d.logits(0, dear);
        double simPart = MultiBehaviourLogs.CLICK_SIM * (d.sim(d.clickHistory()[0], dear)
                - d.sim(d.clickHistory()[0], cheap)) + MultiBehaviourLogs.CLICK_POPULARITY
                * (d.itemPopularity()[dear] - d.itemPopularity()[cheap]);
        assertEquals(0.3 * 9, ld[0] - lc[0] - simPart, 1e-9);
        double simB = MultiBehaviourLogs.PURCHASE_SIM * (d.sim(d.purchaseHistory()[0], dear)
                - d.sim(d.purchaseHistory()[0], cheap));
        assertEquals(-0.8 * 9, ld[1] - lc[1] - simB, 1e-9);
        // over the samples: the mean true p_A rises and the mean true p_B falls with the price level
        MultiBehaviourLogs.Part p = d.train();
        double[] sumA = new double[2];
        double[] sumB = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < p.size(); i++) {
            int level = p.categorical()[4 * i + 3] - 2;
            if (level <= 2 || level >= 7) {
                int g = level >= 7 ? 1 : 0;
                sumA[g] += p.trueProb()[2 * i];
                sumB[g] += p.trueProb()[2 * i + 1];
                count[g]++;
            }
        }
        assertTrue(sumA[1] / count[1] > sumA[0] / count[0] + 0.05, "p_A cheap " + sumA[0] / count[0] + " dear "
                + sumA[1] / count[1]);
        assertTrue(sumB[1] / count[1] < sumB[0] / count[0] - 0.05, "p_B cheap " + sumB[0] / count[0] + " dear "
                + sumB[1] / count[1]);
    }

    @Test
    void purchaseImpliesClickAndProbabilitiesAreConsistent() {
        MultiBehaviourLogs.Data d = MultiBehaviourLogs.generate(CONFIG, 5);
        int clicks = 0;
        int buys = 0;
        for (MultiBehaviourLogs.Part p : new MultiBehaviourLogs.Part[] {d.train(), d.valid(), d.test()}) {
            for (int i = 0; i < p.size(); i++) {
                float a = p.labels()[2 * i];
                float b = p.labels()[2 * i + 1];
                assertTrue(b <= a, "purchase without click at sample " + i);
                assertTrue(p.trueProb()[2 * i + 1] <= p.trueProb()[2 * i], "p_B > p_A at sample " + i);
                clicks += (int) a;
                buys += (int) b;
            }
        }
        double ctr = clicks / (double) CONFIG.samples();
        assertTrue(ctr > 0.1 && ctr < 0.7, "click rate " + ctr);
        assertTrue(buys > 0.05 * clicks && buys < clicks, "purchases " + buys + " of " + clicks + " clicks");
    }

    @Test
    void historiesAreRightPaddedAndMatchTheUsers() {
        MultiBehaviourLogs.Data d = MultiBehaviourLogs.generate(CONFIG, 6);
        MultiBehaviourLogs.Part p = d.valid();
        int lc = CONFIG.maxClicks();
        int lp = CONFIG.maxPurchases();
        boolean sawEmptyPurchases = false;
        for (int i = 0; i < p.size(); i++) {
            int u = p.users()[i];
            int[] h = d.clickHistory()[u];
            assertTrue(h.length >= 5 && h.length <= lc);
            for (int k = 0; k < lc; k++) {
                assertEquals(k < h.length ? h[k] + 2 : CtrLayout.PAD, p.clicks()[i * lc + k], "sample " + i + " pos " + k);
            }
            int[] g = d.purchaseHistory()[u];
            sawEmptyPurchases |= g.length == 0;
            for (int k = 0; k < lp; k++) {
                assertEquals(k < g.length ? g[k] + 2 : CtrLayout.PAD, p.purchases()[i * lp + k]);
            }
        }
        assertTrue(sawEmptyPurchases, "some users have no purchases (all-padding histories)");
        CtrLayout layout = d.layout();
        assertEquals(2, layout.numTasks());
        assertEquals(2, layout.sequences().size());
        assertEquals(1, layout.sequences().get(0).sharedWith());
        assertEquals(CONFIG.items() + 2, layout.vocab(1));
        int maxItem = 0;
        for (int v : p.clicks()) {
            maxItem = Math.max(maxItem, v);
        }
        assertTrue(maxItem < layout.vocab(1));
    }

    @Test
    void rejectsBadConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiBehaviourLogs.Config(100, 10, 20, 10, 3, 30, 10, 100, 0, 0, 0.1));
        assertTrue(e.getMessage().contains("items"), e.getMessage());
    }
}
