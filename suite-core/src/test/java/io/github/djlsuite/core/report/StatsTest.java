package io.github.djlsuite.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanAndSampleStandardDeviationByHand() {
        double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, Stats.mean(v), 1e-12);
        // Σ(x − 5)² = 32, n − 1 = 7
        assertEquals(Math.sqrt(32.0 / 7.0), Stats.std(v), 1e-12);
        assertEquals(0.0, Stats.std(new double[] {3}), 0.0);
        assertTrue(Double.isNaN(Stats.mean(new double[0])));
    }
}
