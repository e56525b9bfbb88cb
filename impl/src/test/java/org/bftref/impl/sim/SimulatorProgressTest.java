package org.bftref.impl.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorProgressTest {

    @Test
    void aListenerSeesTheRunGrowAndDoesNotChangeIt() {
        Scenario scenario = Scenario.defaults(11, 4).withClients(4, 150).withByzantine(0, Strategy.EQUIVOCATE);
        List<long[]> seen = new ArrayList<>();
        SimulationResult watched = Simulator.run(scenario, (t, events, decisions) -> seen.add(new long[] {t, events, decisions}));
        SimulationResult plain = Simulator.run(scenario);

        // Observing only: the same choices, the same decisions, the same end.
        assertArrayEquals(plain.choices(), watched.choices());
        assertEquals(plain.executions(), watched.executions());
        assertEquals(plain.endMillis(), watched.endMillis());

        assertEquals(watched.events() / Simulator.PROGRESS_EVERY, seen.size(), "one call every PROGRESS_EVERY events");
        assertTrue(seen.size() >= 2, "the run is long enough to be watched: " + watched.events() + " events");
        for (int k = 0; k < seen.size(); k++) {
            assertEquals((k + 1L) * Simulator.PROGRESS_EVERY, seen.get(k)[1]);
            if (k > 0) {
                assertTrue(seen.get(k)[0] >= seen.get(k - 1)[0], "virtual time never goes back");
                assertTrue(seen.get(k)[2] >= seen.get(k - 1)[2], "decisions only grow");
            }
        }
        assertTrue(seen.get(seen.size() - 1)[2] <= watched.decisions());
    }
}
