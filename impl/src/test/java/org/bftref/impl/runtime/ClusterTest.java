package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bftref.impl.crypto.SignatureScheme;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of the in-process runtime: n = 4 over the in-memory transport, HMAC so that the runs are fast
 * (the signature scheme does not change what is tested), short view-change timeouts so faults show quickly.
 */
class ClusterTest {

    static RunOptions fast() {
        return new RunOptions().scheme(SignatureScheme.HMAC_SHA256).clients(16).viewChangeTimeoutMillis(400)
                .timeoutMillis(30_000);
    }

    @AfterEach
    void noRuntimeThreadOutlivesItsCluster() {
        assertEquals(0, RuntimeThreads.alive(), "runtime threads left alive");
    }

    private static void assertHonestReplicasAgree(RunResult r) {
        assertNull(r.error(), r.summary());
        assertEquals(r.requested(), r.completed(), r.summary());
        assertTrue(r.agreed(), r.summary());
        assertTrue(r.caughtUp(), r.summary());
        String digest = null;
        for (RunResult.ReplicaState s : r.replicas()) {
            if (s.honest() && s.up()) {
                digest = digest == null ? s.stateDigest() : digest;
                assertEquals(digest, s.stateDigest(), r.summary());
            }
        }
    }

    @Test
    void fourReplicasExecuteEveryRequestAndAgree() throws Exception {
        // A long timeout: on a machine busy with other jobs a replica thread can be starved for a while, and a
        // view change then is correct behaviour, not what this test is about.
        RunResult r = Cluster.run(fast().requests(2_000).viewChangeTimeoutMillis(10_000));
        assertHonestReplicasAgree(r);
        assertEquals(0, r.viewChanges(), r.summary());
        for (RunResult.ReplicaState s : r.replicas()) {
            assertEquals(2_000, s.operationsApplied(), r.summary());
        }
        assertTrue(r.latencyP50Millis() > 0 && r.latencyP99Millis() >= r.latencyP50Millis(), r.summary());
        assertEquals(0, r.drops().getOrDefault(Metrics.BAD_SIGNATURE, 0L), r.summary());
    }

    @Test
    void aSilentPrimaryIsReplacedByAViewChangeAndEveryRequestCompletes() throws Exception {
        RunResult r = Cluster.run(fast().requests(300).byzantine(0, ByzantineStrategy.SILENT));
        assertHonestReplicasAgree(r);
        assertTrue(r.viewChanges() >= 1, r.summary());
        assertTrue(r.replicas().stream().filter(RunResult.ReplicaState::honest).allMatch(s -> s.view() >= 1), r.summary());
    }

    @Test
    void anEquivocatingPrimaryIsReplacedAndHonestReplicasStillAgree() throws Exception {
        RunResult r = Cluster.run(fast().requests(300).byzantine(0, ByzantineStrategy.EQUIVOCATE));
        assertHonestReplicasAgree(r);
        assertTrue(r.viewChanges() >= 1, r.summary());
    }

    @Test
    void aPrimaryThatCrashesMidRunIsReplaced() throws Exception {
        RunResult r = Cluster.run(fast().requests(600).byzantine(0, ByzantineStrategy.CRASH).crashAfter(0.3));
        assertHonestReplicasAgree(r);
        assertTrue(r.viewChanges() >= 1, r.summary());
        assertFalse(r.replicas().get(0).up(), r.summary());
    }

    @Test
    void aBackupStoppedAbruptlyAndRestartedRecoversAndCatchesUp() throws Exception {
        RunResult r;
        try (Cluster cluster = new Cluster(fast().requests(3_000))) {
            cluster.start();
            cluster.submit();
            assertTrue(cluster.awaitCompleted(500, 20_000));
            cluster.crash(2);
            assertFalse(cluster.isUp(2));
            long atCrash = cluster.completed();
            assertTrue(cluster.awaitCompleted(atCrash + 800, 20_000), "the other three go on without it");
            cluster.restart(2);
            assertTrue(cluster.isUp(2));
            assertTrue(cluster.awaitCompleted(3_000, 20_000));
            assertTrue(cluster.awaitCaughtUp(20_000), "the restarted replica catches up");
            r = cluster.stop();
        }
        assertHonestReplicasAgree(r);
        assertEquals(3_000, r.replicas().get(2).operationsApplied(), r.summary());
        assertEquals(1, r.counters().get(Metrics.CRASHES), r.summary());
        assertEquals(1, r.counters().get(Metrics.RESTARTS), r.summary());
    }

    @Test
    void stoppingAClusterLeavesNoRuntimeThread() throws Exception {
        assertEquals(0, RuntimeThreads.alive());
        Cluster cluster = new Cluster(fast().requests(200).verifiers(3));
        try {
            cluster.start();
            cluster.submit();
            assertTrue(cluster.awaitCompleted(100, 20_000));
            assertEquals(4 + 3 + 1, RuntimeThreads.alive(), "replicas, verifiers and the timer thread run");
        } finally {
            cluster.stop(); // mid-run: requests still in flight, timers armed
        }
        assertEquals(0, RuntimeThreads.alive());
    }
}
