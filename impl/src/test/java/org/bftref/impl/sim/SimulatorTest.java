package org.bftref.impl.sim;

import static org.bftref.impl.sim.SimAssertions.assertCompletedAndAgreed;
import static org.bftref.impl.sim.SimAssertions.lossless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bftref.impl.core.Mutant;
import org.bftref.impl.sim.SimulationResult.ClientOp;
import org.bftref.impl.sim.SimulationResult.Execution;
import org.junit.jupiter.api.Test;

/** The event loop, the network model, clients, crashes, limits and the result, without Byzantine replicas. */
class SimulatorTest {

    @Test
    void allHonestReplicasExecuteTheSameSequenceInAFaultFreeRun() {
        for (long seed = 1; seed <= 10; seed++) {
            Scenario s = Scenario.defaults(seed, 4).withClients(3, 5).withNetwork(Scenario.Network.reliable(1, 30));
            SimulationResult r = Simulator.run(s);
            assertCompletedAndAgreed(r);
            SimAssertions.assertConverged(r);
            List<Execution> first = r.executions().get(0);
            assertEquals(15, first.size(), r::summary);
            for (List<Execution> other : r.executions().values()) {
                assertEquals(first.stream().map(e -> e.n() + " " + e.operation() + " " + e.result()).toList(),
                        other.stream().map(e -> e.n() + " " + e.operation() + " " + e.result()).toList());
            }
            assertEquals(0, r.viewChanges());
        }
    }

    @Test
    void eachClientSubmitsItsOperationsOneAfterTheOtherAndGetsTheServiceResults() {
        SimulationResult r = Simulator.run(lossless(3, 4));
        assertCompletedAndAgreed(r);
        Map<Integer, List<ClientOp>> byClient = r.clientOps().stream().collect(Collectors.groupingBy(ClientOp::client));
        assertEquals(Set.of(0, 1), byClient.keySet());
        for (List<ClientOp> ops : byClient.values()) {
            for (int k = 0; k < ops.size(); k++) {
                ClientOp op = ops.get(k);
                assertEquals("c" + op.client() + "-op" + (k + 1), op.operation());
                assertEquals(k + 1, op.timestamp());
                assertTrue(op.submittedAt() <= op.completedAt());
                assertTrue(op.result().startsWith(op.operation() + "@"), op.result());
                if (k > 0) {
                    assertTrue(op.submittedAt() >= ops.get(k - 1).completedAt(), "one outstanding request at a time");
                }
            }
        }
    }

    @Test
    void lossDuplicationAndReorderingBeforeGstStillComplete() {
        for (long seed = 1; seed <= 30; seed++) {
            assertCompletedAndAgreed(Simulator.run(Scenario.defaults(seed, 4)));
            SimAssertions.assertConverged(Simulator.run(Scenario.defaults(seed, 4)));
        }
    }

    @Test
    void aReplicaCutOffByAPartitionDoesNotStopTheOthers() {
        for (long seed = 1; seed <= 10; seed++) {
            Scenario s = lossless(seed, 4).withClients(2, 5);
            s = s.withNetwork(s.network().withPartitions(List.of(Scenario.Partition.of(50, 1_000, List.of(3)))));
            SimulationResult r = Simulator.run(s);
            assertCompletedAndAgreed(r);
            assertTrue(r.counters().get("messages.partitioned") > 0);
        }
    }

    @Test
    void aPartitionOfThePrimaryForcesAViewChangeAndTheRunCompletesAfterItHeals() {
        for (long seed = 1; seed <= 10; seed++) {
            Scenario s = lossless(seed, 4);
            s = s.withNetwork(s.network().withPartitions(List.of(Scenario.Partition.of(0, 1_000, List.of(0)))));
            SimulationResult r = Simulator.run(s);
            assertCompletedAndAgreed(r);
            assertTrue(r.viewChanges() >= 1, r::summary);
        }
    }

    @Test
    void partitionsAndLossEndAtGst() {
        Scenario s = lossless(1, 4).withClients(1, 20);
        s = s.withNetwork(s.network().withDropPercent(100).withGst(300, 5));
        SimulationResult r = Simulator.run(s);
        assertCompletedAndAgreed(r);
        r.clientOps().forEach(op -> assertTrue(op.completedAt() >= 300, "nothing gets through before GST"));
    }

    @Test
    void sevenReplicasToleratingTwoFaults() {
        for (long seed = 1; seed <= 5; seed++) {
            SimulationResult r = Simulator.run(Scenario.defaults(seed, 7).withClients(3, 3));
            assertCompletedAndAgreed(r);
            assertEquals(7, r.executions().size());
        }
    }

    @Test
    void anHonestReplicaThatCrashesAndRestartsRecoversFromItsStorage() {
        for (long seed = 1; seed <= 10; seed++) {
            Scenario s = lossless(seed, 4).withClients(2, 6).withCheckpoints(2, 8).withCrash(1, 100, 600);
            SimulationResult r = Simulator.run(s);
            assertCompletedAndAgreed(r);
            SimAssertions.assertConverged(r);
            assertEquals(1, r.counters().get("crashes"));
            assertEquals(1, r.counters().get("restarts"));
            assertTrue(r.counters().get("persisted") > 0);
        }
    }

    @Test
    void theCrashedPrimaryIsReplacedAndRejoinsAfterItsRestart() {
        for (long seed = 1; seed <= 10; seed++) {
            SimulationResult r = Simulator.run(lossless(seed, 4).withClients(2, 5).withCrash(0, 50, 900)
                    .withCrash(0, 1_000, 1_100));
            assertCompletedAndAgreed(r);
            SimAssertions.assertConverged(r);
            assertTrue(r.viewChanges() >= 1, r::summary);
            assertEquals(2, r.counters().get("crashes"));
            assertTrue(r.counters().getOrDefault("messages.toDownReplica", 0L) > 0, "what arrives while down is lost");
        }
    }

    @Test
    void oneHonestReplicaDownForGoodIsToleratedLikeAFault() {
        SimulationResult r = Simulator.run(lossless(2, 4).withCrash(3, 10, -1));
        assertCompletedAndAgreed(r);
        assertTrue(r.finalViews().containsKey(3), "a crashed honest replica is still reported");
    }

    @Test
    void theRunStopsAtTheVirtualTimeLimit() {
        // Everyone is silent but one: no client operation can complete.
        Scenario s = lossless(1, 4).withAllowUnsafe(true).withByzantine(Map.of(1, Strategy.SILENT, 2, Strategy.SILENT))
                .withLimits(5_000, 1_000_000);
        SimulationResult r = Simulator.run(s);
        assertEquals(SimulationResult.Stop.TIME_LIMIT, r.stop());
        assertEquals(5_000, r.endMillis());
        assertFalse(r.allClientOpsCompleted());
    }

    @Test
    void theRunStopsAtTheEventLimit() {
        SimulationResult r = Simulator.run(lossless(1, 4).withLimits(60_000, 100));
        assertEquals(SimulationResult.Stop.EVENT_LIMIT, r.stop());
        assertEquals(100, r.events());
    }

    @Test
    void withoutClientsTheRunEndsOnceTheNetworkIsQuietAfterGst() {
        SimulationResult r = Simulator.run(lossless(1, 4).withClients(0, 0));
        assertEquals(SimulationResult.Stop.COMPLETED, r.stop());
        assertTrue(r.endMillis() >= r.gstMillis());
        assertTrue(r.clientOps().isEmpty());
    }

    @Test
    void theTraceIsKeptInOrderOnlyWhenAsked() {
        SimulationResult without = Simulator.run(lossless(1, 4));
        assertTrue(without.trace().isEmpty());
        assertTrue(without.traceActions().get("SendPrepare") > 0, "the histogram is always kept");

        SimulationResult with = Simulator.run(lossless(1, 4).withRecordTrace(true));
        long previous = 0;
        for (SimulationResult.TimedTraceEvent e : with.trace()) {
            assertTrue(e.atMillis() >= previous);
            previous = e.atMillis();
        }
        assertEquals(with.traceActions().values().stream().mapToLong(Long::longValue).sum(), with.trace().size());
        assertEquals(without.executions(), with.executions(), "recording changes nothing");
    }

    @Test
    void withEd25519TheRunIsTheSameProtocolRun() {
        Scenario hmac = lossless(4, 4).withByzantine(2, Strategy.BAD_SIGNATURE);
        SimulationResult a = Simulator.run(hmac);
        SimulationResult b = Simulator.run(hmac.withScheme("ed25519"));
        assertCompletedAndAgreed(b);
        assertTrue(b.drops("BAD_SIGNATURE") > 0);
        assertEquals(a.clientOps().size(), b.clientOps().size());
    }

    @Test
    void theWireFormatCheckSendsEveryMessageThroughTheCodecAndChangesNothing() {
        Scenario s = lossless(6, 4).withByzantine(1, Strategy.BAD_SIGNATURE).withRecordTrace(true);
        SimulationResult plain = Simulator.run(s);
        SimulationResult wire = Simulator.run(s.withCheckWireFormat(true));
        assertEquals(plain.executions(), wire.executions());
        assertEquals(plain.trace(), wire.trace());
        assertEquals(plain.drops(), wire.drops());
    }

    @Test
    void skipSignatureChecksIsHonouredBySimulator() {
        Scenario s = lossless(1, 4).withByzantine(1, Strategy.BAD_SIGNATURE);
        assertTrue(Simulator.run(s).drops("BAD_SIGNATURE") > 0);
        SimulationResult mutant = Simulator.run(s.withMutants(Set.of(Mutant.SKIP_SIGNATURE_CHECKS)));
        assertEquals(0, mutant.drops("BAD_SIGNATURE"), "forged messages reach the core unchecked");
    }

    @Test
    void summaryAndJsonNameWhatHappened() throws Exception {
        SimulationResult r = Simulator.run(lossless(11, 4).withByzantine(0, Strategy.SILENT));
        String summary = r.summary();
        assertTrue(summary.startsWith("seed 11: n=4 f=1"), summary);
        assertTrue(summary.contains("COMPLETED"), summary);
        assertTrue(summary.contains("view change"), summary);
        assertTrue(summary.lines().count() <= 8, summary);

        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals("COMPLETED", json.get("stop").asText());
        assertEquals(11, json.get("scenario").get("seed").asLong());
        assertEquals(r.choices().length, json.get("choices").size());
        assertEquals(r.clientOps().size(), json.get("clientOps").size());
        assertEquals(r.viewChanges(), json.get("viewChanges").asLong());
        assertEquals("SILENT", json.get("scenario").get("byzantine").get("0").asText());
    }

    /**
     * Regression scenarios for the core, found by this simulator. Seed 18: before GST a VIEW-CHANGE to the
     * primary of view 2 was lost; two backups then waited in view 2 holding two VIEW-CHANGEs (fewer than 2f+1,
     * so no NEW-VIEW timer ran), nobody retransmitted a VIEW-CHANGE, and the run never completed, long after
     * GST. The two partitions lost VIEW-CHANGEs to the same effect. Fixed in the core by resending VIEW-CHANGEs
     * to peers whose STATUS shows they are behind.
     */
    @Test
    void lostViewChangesBeforeGstDoNotBlockProgressAfterGst() {
        assertCompletedAndAgreed(Simulator.run(Scenario.defaults(18, 4).withByzantine(0, Strategy.SILENT)));
        Scenario s = lossless(1, 4);
        s = s.withNetwork(s.network().withPartitions(List.of(Scenario.Partition.of(0, 600, List.of(0)),
                Scenario.Partition.of(700, 1_200, List.of(0, 1)))));
        assertCompletedAndAgreed(Simulator.run(s));
    }

    /**
     * Regression scenarios for the core, found by this simulator: an honest replica that moved to a higher view
     * on its own never catches up. Seed 1 with replica 3 cut off from 50 to 1000 ms: its request timer fires, it
     * asks alone for view 1 and waits there (fewer than 2f+1 VIEW-CHANGEs, so no NEW-VIEW timer); the others
     * stay in view 0 and answer its STATUS with nothing, since it is ahead in views, so no state transfer
     * reaches it either. Seed 13 with a TWINS primary: replica 1 accepted the other copy's PRE-PREPAREs, and
     * ends the same way. The clients complete (the others are a quorum), but the replica is lost for good.
     * Enable once the core lets such a replica catch up (a STATE for a peer ahead in views but behind in
     * execution, or abandoning a view change nobody joins).
     */
    @Test
    void aReplicaAloneInAHigherViewCatchesUpWithTheOthers() {
        Scenario s = lossless(1, 4).withClients(2, 5);
        s = s.withNetwork(s.network().withPartitions(List.of(Scenario.Partition.of(50, 1_000, List.of(3)))));
        SimulationResult r = Simulator.run(s);
        assertCompletedAndAgreed(r);
        SimAssertions.assertConverged(r);
        Scenario twins = Scenario.defaults(13, 4).withByzantine(0, Strategy.TWINS);
        r = Simulator.run(twins.withNetwork(twins.network().withDropPercent(5)));
        assertCompletedAndAgreed(r);
        SimAssertions.assertConverged(r);
    }

    @Test
    void heavyLossBeforeGstStillCompletesWithAFaultyReplica() {
        for (long seed = 1; seed <= 20; seed++) {
            Scenario s = Scenario.defaults(seed, 4).withByzantine((int) (seed % 4), Strategy.SILENT);
            assertCompletedAndAgreed(Simulator.run(s.withNetwork(s.network().withDropPercent(20))));
        }
    }

    @Test
    void simulatesManyDefaultScenariosPerSecond() {
        for (long seed = 1; seed <= 50; seed++) {
            Simulator.run(Scenario.defaults(seed, 4)); // warm up the JIT
        }
        int runs = 300;
        long start = System.nanoTime();
        for (long seed = 1_000; seed < 1_000 + runs; seed++) {
            Simulator.run(Scenario.defaults(seed, 4));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = runs / seconds;
        System.out.printf("simulator: %d default n=4 scenarios in %.2f s: %.0f scenarios/s%n", runs, seconds, perSecond);
        assertTrue(perSecond > 20, "property tests need thousands of runs per minute: " + perSecond + "/s");
    }
}
