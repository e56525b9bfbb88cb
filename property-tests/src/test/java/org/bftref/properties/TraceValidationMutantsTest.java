package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import org.bftref.impl.core.Mutant;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceLine;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Broken implementations leave the spec, and trace validation says where. Each {@link Mutant} of the core breaks
 * one rule; its traces must be rejected, and the same scenarios without the mutant accepted. Where the trace
 * alone shows the first step the broken rule produced (a SendCommit with too few PREPAREs, an Execute of a
 * batch other than the one prepared, a NEW-VIEW that dropped certificates), the rejection must be at exactly
 * that event; for the others the test asserts the reason the rule implies.
 */
class TraceValidationMutantsTest {

    /** Scenarios per mutant (validated in one TLC run). */
    private static final int SCENARIOS = 40;

    @Test
    void aPrepareQuorumOf2fIsRejectedAtTheFirstCommitWithTooFewPrepares() throws Exception {
        int f = 1;
        check(Mutant.PREPARE_QUORUM_2F, List.of(Strategy.EQUIVOCATE, Strategy.SILENT), s -> s,
                firstEvent(e -> e.action().equals("SendCommit") && e.json().get("prepares").size() < 2 * f),
                "fewer than 2f PREPAREs");
    }

    @Test
    void acceptingADigestMismatchIsRejectedAtTheExecutionOfTheOtherBatch() throws Exception {
        check(Mutant.ACCEPT_DIGEST_MISMATCH, List.of(Strategy.EQUIVOCATE),
                s -> s.withCrashes(List.of()).withByzantine(Map.of(0, Strategy.EQUIVOCATE)),
                TraceValidationMutantsTest::firstExecutionOfAnotherBatch,
                "does not hold a prepared certificate for (v, n, d)");
    }

    @Test
    void aNewViewWithoutCertificatesIsRejectedAtTheFirstNewViewThatDroppedOne() throws Exception {
        check(Mutant.NEW_VIEW_WITHOUT_CERTIFICATES, List.of(Strategy.SILENT, Strategy.CRASH), s -> s,
                TraceValidationMutantsTest::firstNewViewDroppingACertificate, "O is not what V yields");
    }

    @Test
    void forgettingEverythingOnRestartIsRejectedAfterTheRestart() throws Exception {
        check(Mutant.NO_PERSISTENCE, List.of(Strategy.EQUIVOCATE), s -> {
            Scenario t = s.withCrashes(List.of()).withByzantine(Map.of(0, Strategy.EQUIVOCATE));
            long gst = Math.max(t.network().gstMillis(), 400);
            return t.withCrash(1 + (int) Math.floorMod(t.seed(), 3L), gst / 4, gst / 2);
        }, trace -> -1, "");
    }

    @Test
    void skippingSignatureChecksIsRejectedWhereAForgedMessageCounts() throws Exception {
        check(Mutant.SKIP_SIGNATURE_CHECKS, List.of(Strategy.BAD_SIGNATURE, Strategy.FLOOD),
                s -> s.withCrashes(List.of()).withByzantine(Map.of(0, Strategy.BAD_SIGNATURE)), trace -> -1, "");
    }

    /**
     * Runs scenarios with the mutant until enough traces are rejected; asserts each rejection is where the
     * trace shows the broken rule first acted ({@code expectedAt}: event index, or -1 when the trace cannot tell),
     * with the reason given, and that every scenario's trace without the mutant is accepted.
     */
    private static void check(Mutant mutant, List<Strategy> strategies, UnaryOperator<Scenario> shape,
                              ToIntFunction<Trace> expectedAt, String reason) throws Exception {
        List<Trace> broken = new ArrayList<>();
        List<Trace> healthy = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            Scenario s = shape.apply(ScenarioGenerator.random(seed, 4, strategies, Set.of(mutant)))
                    .withLimits(20_000, 200_000).withRecordTrace(true);
            String name = "mutant-" + mutant + "-seed-" + seed;
            broken.add(TraceValidationScenariosTest.write(name, Simulator.run(s)));
            healthy.add(TraceValidationScenariosTest.write(name + "-without", Simulator.run(s.withMutants(Set.of()))));
            names.add(name);
        }
        List<Trace> all = new ArrayList<>(broken);
        all.addAll(healthy);
        List<Verdict> verdicts = TraceValidator.validateAll(all, TraceValidator.Options.defaults());
        int rejected = 0;
        int exact = 0;
        Map<String, Integer> reasons = new HashMap<>();
        for (int k = 0; k < SCENARIOS; k++) {
            Verdict withMutant = verdicts.get(k);
            Verdict without = verdicts.get(SCENARIOS + k);
            assertTrue(without.accepted(), names.get(k) + " without the mutant: " + without.text());
            int expected = expectedAt.applyAsInt(broken.get(k));
            if (withMutant.accepted()) {
                // The broken rule never made a difference the trace can show (it did not act in this run).
                assertEquals(-1, expected, names.get(k) + ": accepted, yet the trace shows the rule broken at event " + expected);
                continue;
            }
            rejected++;
            reasons.merge(withMutant.event().action() + ": " + withMutant.reason(), 1, Integer::sum);
            if (expected > 0) {
                assertEquals(expected, withMutant.rejectedAt(), names.get(k) + ": " + withMutant.text());
                assertTrue(withMutant.reason().contains(reason), withMutant.text());
                exact++;
            }
        }
        System.out.printf("mutant %s: %d of %d traces rejected (%d at the exact event the trace shows); reasons %s%n",
                mutant, rejected, SCENARIOS, exact, reasons);
        assertTrue(rejected > 0, "no trace of " + mutant + " was rejected in " + SCENARIOS + " scenarios");
        if (!reason.isEmpty()) {
            assertTrue(exact > 0, "no rejection of " + mutant + " could be pinned to its event");
        }
    }

    private static ToIntFunction<Trace> firstEvent(java.util.function.Predicate<TraceLine> p) {
        return trace -> {
            for (int k = 0; k < trace.events().size(); k++) {
                if (p.test(trace.events().get(k))) {
                    return k + 1;
                }
            }
            return -1;
        };
    }

    /** The first Execute whose digest is not that of the certificate its replica committed on for (v, n). */
    private static int firstExecutionOfAnotherBatch(Trace trace) {
        Map<String, String> committed = new HashMap<>();
        for (int k = 0; k < trace.events().size(); k++) {
            TraceLine e = trace.events().get(k);
            String key = e.replica() + "/" + e.json().get("v") + "/" + e.json().get("n");
            if (e.action().equals("SendCommit")) {
                committed.put(key, e.json().get("d").asText());
            } else if (e.action().equals("Execute") && !e.json().get("d").asText().equals(committed.get(key))) {
                return k + 1;
            }
        }
        return -1;
    }

    /** The first SendNewView whose V holds a certificate above V's highest stable checkpoint. */
    private static int firstNewViewDroppingACertificate(Trace trace) {
        for (int k = 0; k < trace.events().size(); k++) {
            TraceLine e = trace.events().get(k);
            if (!e.action().equals("SendNewView")) {
                continue;
            }
            long maxH = 0;
            for (JsonNode x : e.json().get("V")) {
                maxH = Math.max(maxH, x.get("h").asLong());
            }
            for (JsonNode x : e.json().get("V")) {
                for (JsonNode c : x.get("P")) {
                    if (c.get("n").asLong() > maxH) {
                        return k + 1;
                    }
                }
            }
        }
        return -1;
    }
}
