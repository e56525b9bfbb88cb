package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bftref.impl.core.Mutant;
import org.bftref.impl.sim.ReplayChoices;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.junit.jupiter.api.Test;

/**
 * Mutation testing of the property tests: each {@link Mutant} breaks one protocol rule in every honest replica
 * (or, for SKIP_SIGNATURE_CHECKS, in the simulator's runtime), and the safety properties must catch it within a
 * bounded number of scenarios from a fixed seed sequence. Each mutant gets scenarios that give the broken rule a
 * chance to matter (the Byzantine strategies that exploit it, crashes, partitions). Every detection is then
 * checked to be the mutant's doing: the same scenario without the mutant, run from its seed and run with the
 * mutant run's own choices, breaks no safety property.
 */
class MutantDetectionTest {

    /** Scenarios tried per mutant before giving up. */
    private static final int BOUND = 2_000;

    /**
     * Limits per run: a broken rule can make a run explode (with SKIP_SIGNATURE_CHECKS a FLOOD replica's junk is
     * taken for real, and one run ran 70 s to its time limit), and a violation shows long before these.
     */
    private static final long MAX_VIRTUAL_MILLIS = 20_000;
    private static final long MAX_EVENTS = 200_000;

    @Test
    void prepareQuorumOf2fIsCaught() {
        detect(Mutant.PREPARE_QUORUM_2F, List.of(Strategy.EQUIVOCATE), MutantDetectionTest::equivocatingPrimary);
    }

    @Test
    void acceptingADigestMismatchIsCaught() {
        detect(Mutant.ACCEPT_DIGEST_MISMATCH, List.of(Strategy.EQUIVOCATE), MutantDetectionTest::equivocatingPrimary);
    }

    @Test
    void aNewViewWithoutCertificatesIsCaught() {
        detect(Mutant.NEW_VIEW_WITHOUT_CERTIFICATES, List.of(Strategy.SILENT, Strategy.CRASH, Strategy.NV_OMIT), s -> s);
    }

    @Test
    void forgettingEverythingOnRestartIsCaught() {
        detect(Mutant.NO_PERSISTENCE, List.of(Strategy.EQUIVOCATE), s -> {
            Scenario t = equivocatingPrimary(s);
            if (t.crashes().isEmpty()) {
                long gst = Math.max(t.network().gstMillis(), 400);
                t = t.withCrash(1 + (int) Math.floorMod(t.seed(), 3L), gst / 4, gst / 2);
            }
            return t;
        }, 5_000); // rare for the safety properties (seed 2031 since the primary resends retransmitted requests'
        // PRE-PREPAREs); the trace of such a run is rejected within a few scenarios (TraceValidationMutantsTest)
    }

    @Test
    void skippingSignatureChecksIsCaught() {
        detect(Mutant.SKIP_SIGNATURE_CHECKS, List.of(Strategy.BAD_SIGNATURE, Strategy.FLOOD),
                s -> s.byzantine().isEmpty() ? s.withByzantine(0, Strategy.BAD_SIGNATURE) : s);
    }

    /** The scenario with the first primary, and only it, equivocating (and not crashing as an honest one). */
    private static Scenario equivocatingPrimary(Scenario s) {
        return s.withCrashes(s.crashes().stream().filter(c -> c.replica() != 0).toList())
                .withByzantine(Map.of(0, Strategy.EQUIVOCATE));
    }

    private static void detect(Mutant mutant, List<Strategy> strategies, UnaryOperator<Scenario> shape) {
        detect(mutant, strategies, shape, BOUND);
    }

    private static void detect(Mutant mutant, List<Strategy> strategies, UnaryOperator<Scenario> shape, int bound) {
        long started = System.nanoTime();
        for (long seed = 1; seed <= bound; seed++) {
            Scenario scenario = shape.apply(ScenarioGenerator.random(seed, 4, strategies, Set.of(mutant)))
                    .withLimits(MAX_VIRTUAL_MILLIS, MAX_EVENTS);
            SimulationResult result = Simulator.run(scenario);
            List<Violation> violations = Properties.check(Runs.of(result), Properties.SAFETY);
            if (violations.isEmpty()) {
                continue;
            }
            System.out.printf("mutant %s detected after %d scenarios (seed %d, %d ms): %s%n", mutant, seed, seed,
                    (System.nanoTime() - started) / 1_000_000, violations.get(0));
            Scenario healthy = scenario.withMutants(Set.of());
            SimulationResult fromSeed = Simulator.run(healthy);
            assertEquals(List.of(), Properties.check(Runs.of(fromSeed), Properties.SAFETY),
                    () -> "without " + mutant + ", from its seed: " + fromSeed.summary());
            SimulationResult sameChoices = Simulator.run(healthy, new ReplayChoices(result.choices()));
            assertEquals(List.of(), Properties.check(Runs.of(sameChoices), Properties.SAFETY),
                    () -> "without " + mutant + ", with the mutant run's choices: " + sameChoices.summary());
            return;
        }
        assertNotNull(null, "mutant " + mutant + " not detected within " + bound + " scenarios");
    }
}
