package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Twins-style runs (Bano et al., "Twins: BFT Systems Made Robust"): the one faulty replica of n=4 is a pair of
 * twins, two copies of the honest code with one key, each connected to a different subset of the others, so
 * that the faulty replica equivocates the way an honest one would that lives twice. Each replica id takes that
 * role in turn, the first primary included, over 200 seeded random networks that are always lossy (at least 5%
 * loss before GST, delays, duplicates, partitions that heal by GST) and crashes of honest replicas. Every safety
 * property must hold in every run; the count of runs that went through a view change is printed, so that it is
 * visible that the twins were not merely harmless.
 */
class TwinsScenariosTest {

    private static final int SEEDS = 200;

    @ParameterizedTest(name = "twins on replica {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void safetyHoldsWithTwins(int twin) {
        int withViewChanges = 0;
        long started = System.nanoTime();
        for (long seed = 1; seed <= SEEDS; seed++) {
            Scenario scenario = twins(seed, twin);
            SimulationResult result = Simulator.run(scenario);
            List<Violation> violations = Properties.check(Runs.of(result), Properties.SAFETY);
            assertEquals(List.of(), violations, result::summary);
            if (result.viewChanges() > 0) {
                withViewChanges++;
            }
        }
        System.out.printf("twins on replica %d: %d runs, all safe, %d with view changes (%d ms)%n", twin, SEEDS,
                withViewChanges, (System.nanoTime() - started) / 1_000_000);
        if (twin == 0) {
            assertTrue(withViewChanges > 0, "twins as the first primary never caused a view change");
        }
    }

    /** A random lossy scenario for n=4 in which replica {@code twin}, and only it, is a pair of twins. */
    static Scenario twins(long seed, int twin) {
        Scenario s = ScenarioGenerator.random(seed * 4 + twin, 4, List.of(), Set.of());
        Scenario.Network net = s.network();
        Scenario.Network lossy = new Scenario.Network(net.minDelayMillis(), net.maxDelayMillis(),
                Math.max(5, net.dropPercent()), net.duplicatePercent(), Math.max(200, net.gstMillis()),
                net.maxDelayAfterGstMillis(), net.partitions());
        return s.withNetwork(lossy)
                .withCrashes(s.crashes().stream().filter(c -> c.replica() != twin).toList())
                .withByzantine(Map.of(twin, Strategy.TWINS));
    }
}
