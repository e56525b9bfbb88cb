package org.bftref.impl.sim;

import static org.bftref.impl.sim.SimAssertions.assertCompletedAndAgreed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every strategy, on the primary of view 0 and on a backup: the run completes after GST with every client
 * operation done and the honest replicas agreeing, and the misbehaviour leaves the trace it should (the drop
 * reason honest replicas give, or at least the strategy's own count of deviations).
 * The network is the default one: loss, duplication and reordering until GST.
 */
class ByzantineStrategyTest {

    private static final int SEEDS = 8;

    /** Enough requests that a faulty primary deviates before the clients are done. */
    private static Scenario scenario(long seed, int faulty, Strategy strategy) {
        return Scenario.defaults(seed, 4).withClients(2, 10).withByzantine(faulty, strategy);
    }

    /** Runs the seeds, checks each run, and sums what the honest replicas dropped and what the strategy did. */
    private static Map<String, Long> runAll(LongFunction<Scenario> scenarios) {
        Map<String, Long> seen = new TreeMap<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult r = Simulator.run(scenarios.apply(seed));
            assertCompletedAndAgreed(r);
            r.drops().forEach((k, v) -> seen.merge(k, v, Long::sum));
            r.byzantineActions().forEach((k, v) -> seen.merge(k, v, Long::sum));
        }
        return seen;
    }

    private static long sum(Map<String, Long> seen, String prefix) {
        return seen.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void onThePrimaryTheRunStillCompletesAndHonestReplicasAgree(Strategy strategy) {
        Map<String, Long> seen = runAll(seed -> scenario(seed, 0, strategy));
        assertTrue(sum(seen, strategy.name() + ":") > 0, strategy + " never deviated: " + seen);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void onABackupTheRunStillCompletesAndHonestReplicasAgree(Strategy strategy) {
        runAll(seed -> scenario(seed, 2, strategy));
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"SILENT", "CRASH", "EQUIVOCATE"})
    void aFaultyPrimaryIsReplacedByAViewChange(Strategy strategy) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult r = Simulator.run(scenario(seed, 0, strategy));
            assertCompletedAndAgreed(r);
            assertTrue(r.viewChanges() >= 1, r::summary);
            assertTrue(r.finalViews().values().stream().allMatch(v -> v >= 1), r::summary);
        }
    }

    @Test
    void aPrimaryThatStopsOrderingIsReplacedByAViewChange() {
        int stalled = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult r = Simulator.run(scenario(seed, 0, Strategy.NV_OMIT));
            assertCompletedAndAgreed(r);
            if (r.byzantineActions().containsKey("NV_OMIT:withheld-pre-prepare")) {
                stalled++;
                assertTrue(r.viewChanges() >= 1, r::summary);
            }
        }
        assertTrue(stalled > 0, "choosing 0 means never stalling, but not for every seed");
    }

    @Test
    void equivocationLeavesHonestBackupsWithConflictingPrePrepares() {
        Map<String, Long> seen = runAll(seed -> scenario(seed, 0, Strategy.EQUIVOCATE));
        assertTrue(seen.getOrDefault("CONFLICTING_PRE_PREPARE", 0L) > 0, seen::toString);
        assertTrue(seen.containsKey("EQUIVOCATE:all-different") && seen.containsKey("EQUIVOCATE:two-sides")
                && seen.containsKey("EQUIVOCATE:digest-mismatch"), seen::toString);
    }

    @Test
    void doubleVotesAreSentAndDoNotCount() {
        Map<String, Long> seen = runAll(seed -> scenario(seed, 2, Strategy.DOUBLE_VOTE));
        assertTrue(seen.get("DOUBLE_VOTE:second-prepare") > 0 && seen.get("DOUBLE_VOTE:second-commit") > 0, seen::toString);
    }

    @Test
    void replayedMessagesAreRecognisedAsOld() {
        Map<String, Long> seen = runAll(seed -> scenario(seed, 2, Strategy.REPLAY));
        assertTrue(seen.get("REPLAY:replayed") > 0, seen::toString);
        assertTrue(seen.get("DUPLICATE") > 0, seen::toString);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"BAD_SIGNATURE", "FLOOD"})
    void forgedSignaturesAreDroppedBeforeTheCore(Strategy strategy) {
        for (int faulty : new int[] {0, 2}) {
            Map<String, Long> seen = runAll(seed -> scenario(seed, faulty, strategy));
            assertTrue(seen.getOrDefault("BAD_SIGNATURE", 0L) > 0, seen::toString);
        }
    }

    @Test
    void everyKindOfBadSignatureIsSent() {
        Map<String, Long> seen = runAll(seed -> scenario(seed, 0, Strategy.BAD_SIGNATURE));
        for (String kind : List.of("corrupted", "foreign-signer", "nested-corrupted")) {
            assertTrue(seen.getOrDefault("BAD_SIGNATURE:" + kind, 0L) > 0, kind + ": " + seen);
        }
    }

    @Test
    void falseCertificatesAreRejected() {
        for (int faulty : new int[] {0, 2}) {
            Map<String, Long> seen = runAll(seed -> scenario(seed, faulty, Strategy.FALSE_CERTIFICATE));
            assertTrue(seen.getOrDefault("INVALID_CERTIFICATE", 0L) > 0, seen::toString);
        }
        Map<String, Long> seen = runAll(seed -> scenario(seed, 2, Strategy.FALSE_CERTIFICATE).withClients(2, 20));
        for (String kind : List.of("certificate-one-signer", "certificate-too-few", "certificate-unordered",
                "checkpoint-one-signer")) {
            assertTrue(seen.getOrDefault("FALSE_CERTIFICATE:" + kind, 0L) > 0, kind + ": " + seen);
        }
    }

    @Test
    void aNewViewThatOmitsPreparedRequestsIsRejectedAndTheNextPrimaryTakesOver() {
        // Replica 1, the primary of view 1, is faulty. Cutting replica 0 off after some requests were ordered
        // forces view 1 while requests are prepared; its NEW-VIEW replaces them by null requests.
        Map<String, Long> seen = runAll(seed -> {
            Scenario s = scenario(seed, 1, Strategy.NV_OMIT).withCheckpoints(16, 64);
            return s.withNetwork(s.network().withPartitions(List.of(Scenario.Partition.of(150, 1_200, List.of(0)))));
        });
        assertTrue(seen.getOrDefault("INVALID_NEW_VIEW", 0L) > 0, seen::toString);
        assertTrue(seen.getOrDefault("NV_OMIT:omitted-prepared-requests", 0L) > 0, seen::toString);
    }

    @Test
    void floodedJunkIsDroppedForEveryReason() {
        Map<String, Long> seen = runAll(seed -> scenario(seed, 2, Strategy.FLOOD));
        for (String reason : List.of("BAD_SIGNATURE", "WRONG_VIEW", "OUTSIDE_WATERMARKS", "DUPLICATE")) {
            assertTrue(seen.getOrDefault(reason, 0L) > 0, reason + ": " + seen);
        }
    }

    @Test
    void twinsAreCountedAsOneFaultAndNeitherCopyReports() {
        Map<String, Long> seen = runAll(seed -> scenario(seed, 0, Strategy.TWINS));
        assertTrue(seen.get("TWINS:repartition") > 0, seen::toString);
        assertTrue(seen.getOrDefault("CONFLICTING_PRE_PREPARE", 0L) > 0, "the copies said different things: " + seen);
        SimulationResult r = Simulator.run(scenario(1, 0, Strategy.TWINS));
        assertEquals(List.of(1, 2, 3), List.copyOf(r.executions().keySet()));
    }

    @Test
    void sevenReplicasWithTwoByzantineOnesComplete() {
        runAll(seed -> Scenario.defaults(seed, 7).withClients(2, 6)
                .withByzantine(0, Strategy.EQUIVOCATE).withByzantine(4, Strategy.FALSE_CERTIFICATE));
        runAll(seed -> Scenario.defaults(seed, 7).withClients(2, 6)
                .withByzantine(0, Strategy.TWINS).withByzantine(1, Strategy.BAD_SIGNATURE));
        runAll(seed -> Scenario.defaults(seed, 7).withClients(2, 6)
                .withByzantine(0, Strategy.SILENT).withByzantine(1, Strategy.NV_OMIT));
    }

    @Test
    void byzantineReplicasAndCrashedHonestOnesTogether() {
        runAll(seed -> Scenario.defaults(seed, 7).withClients(2, 6).withByzantine(0, Strategy.FLOOD)
                .withByzantine(3, Strategy.DOUBLE_VOTE).withCrash(5, 100, 500));
    }

    @Test
    void moreFaultyReplicasThanFNeedTheUnsafeFlag() {
        Scenario s = scenario(1, 0, Strategy.SILENT);
        InvalidScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidScenarioException.class,
                () -> s.withByzantine(1, Strategy.SILENT));
        assertEquals("byzantine", e.field());
        SimulationResult r = Simulator.run(s.withAllowUnsafe(true).withByzantine(1, Strategy.SILENT).withLimits(5_000, 100_000));
        assertEquals(SimulationResult.Stop.TIME_LIMIT, r.stop(), "2 of 4 silent: no quorum");
    }
}
