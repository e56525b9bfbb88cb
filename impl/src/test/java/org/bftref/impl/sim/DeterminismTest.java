package org.bftref.impl.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** A run is a function of its scenario and its choices: what makes replay, shrinking and fuzzing possible. */
class DeterminismTest {

    /** Faults of every kind at once: loss, duplication, a partition, a Byzantine primary, a crash and restart. */
    private static Scenario busy(long seed) {
        Scenario s = Scenario.defaults(seed, 4).withClients(3, 4).withRecordTrace(true)
                .withByzantine(0, Strategy.EQUIVOCATE).withCrash(2, 300, 700);
        return s.withNetwork(s.network().withDropPercent(5).withDuplicatePercent(5)
                .withPartitions(java.util.List.of(Scenario.Partition.of(100, 400, java.util.List.of(3)))));
    }

    @Test
    void theSameScenarioTwiceGivesIdenticalResults() {
        for (long seed = 1; seed <= 5; seed++) {
            SimulationResult a = Simulator.run(busy(seed));
            SimulationResult b = Simulator.run(busy(seed));
            assertEquals(a.executions(), b.executions());
            assertEquals(a.clientOps(), b.clientOps());
            assertEquals(a.drops(), b.drops());
            assertEquals(a.trace(), b.trace());
            assertArrayEquals(a.choices(), b.choices());
            assertEquals(a, b, "and everything else but the wall time");
            assertFalse(a.trace().isEmpty());
        }
    }

    @Test
    void replayingTheRecordedChoicesGivesTheSameRun() {
        for (long seed = 1; seed <= 5; seed++) {
            SimulationResult original = Simulator.run(busy(seed));
            SimulationResult replayed = Simulator.run(busy(seed), new ReplayChoices(original.choices()));
            assertEquals(original, replayed);
            assertEquals(original, Simulator.replay(original));
        }
    }

    @Test
    void theSeedOfTheChoicesNotOnlyOfTheScenarioDecidesTheRun() {
        SimulationResult a = Simulator.run(busy(1), new SeededChoices(1));
        SimulationResult b = Simulator.run(busy(1), new SeededChoices(2));
        assertNotEquals(a.trace(), b.trace());
    }

    @Test
    void anyShortenedZeroedOrGarbledChoiceListIsStillAValidRun() {
        SimulationResult original = Simulator.run(busy(3));
        int[] choices = original.choices();
        SplittableRandom random = new SplittableRandom(99);
        int[][] edited = {
            Arrays.copyOf(choices, choices.length / 2),
            new int[0],
            new int[choices.length],
            random.ints(choices.length, -1_000, 1_000_000).toArray(),
            random.ints(50, Integer.MIN_VALUE, Integer.MAX_VALUE).toArray(),
        };
        for (int[] list : edited) {
            SimulationResult run = Simulator.run(busy(3), new ReplayChoices(list));
            SimAssertions.assertHonestReplicasAgree(run);
            assertEquals(run, Simulator.replay(run), "the recorded choices of an edited run replay it too");
        }
    }

    @Test
    void allZeroChoicesGiveTheQuietestRun() {
        Scenario s = busy(4).withByzantine(java.util.Map.of()).withCrashes(java.util.List.of());
        SimulationResult quiet = Simulator.run(s, new ReplayChoices(new int[0]));
        SimAssertions.assertCompletedAndAgreed(quiet);
        assertEquals(0, quiet.counters().getOrDefault("messages.lost", 0L), "choice 0: no loss");
        assertEquals(0, quiet.counters().getOrDefault("messages.duplicated", 0L), "choice 0: no duplicate");
        assertEquals(0, quiet.viewChanges());
        assertTrue(Arrays.stream(quiet.choices()).allMatch(c -> c == 0));
    }

    @Test
    void aStrategyWithAllZeroChoicesDoesNotDeviate() {
        for (Strategy strategy : new Strategy[] {Strategy.EQUIVOCATE, Strategy.DOUBLE_VOTE, Strategy.REPLAY,
                Strategy.BAD_SIGNATURE, Strategy.FALSE_CERTIFICATE, Strategy.NV_OMIT, Strategy.FLOOD}) {
            SimulationResult r = Simulator.run(SimAssertions.lossless(5, 4).withByzantine(0, strategy),
                    new ReplayChoices(new int[0]));
            SimAssertions.assertCompletedAndAgreed(r);
            assertEquals(java.util.Map.of(), r.byzantineActions(), strategy + ": " + r.byzantineActions());
            assertEquals(0, r.viewChanges(), strategy.name());
        }
    }
}
