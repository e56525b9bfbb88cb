package org.bftref.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The default f that every command and generator uses is the largest one PBFT allows for n. */
class ConfigTest {

    @Test
    void faultsToleratedIsTheLargestFWithNAtLeast3fPlus1() {
        assertEquals(0, Config.faultsTolerated(0), "no replicas tolerate nothing (and never a negative f)");
        assertEquals(0, Config.faultsTolerated(1));
        assertEquals(0, Config.faultsTolerated(3));
        assertEquals(1, Config.faultsTolerated(4));
        assertEquals(1, Config.faultsTolerated(6));
        assertEquals(2, Config.faultsTolerated(7));
        for (int n = 1; n <= 100; n++) {
            int f = Config.faultsTolerated(n);
            Config.of(n, f); // accepted: n >= 3f + 1
            int more = f + 1;
            int replicas = n;
            assertThrows(IllegalArgumentException.class, () -> Config.of(replicas, more), "n=" + n);
        }
    }
}
