package org.bftref.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;

/**
 * Crash and restart (what a replica persists before it sends), and catching up: status messages, log
 * retransmission, state transfer and a forwarded NEW-VIEW (OSDI 1999 section 4.3; Castro's thesis, MIT 2001).
 */
class RecoveryTest {

    private final TestCluster cluster = new TestCluster(Config.of(4, 1));

    private static Signed<PrePrepare> prePrepare(long v, long n, Signed<Message.Request> request) {
        List<Signed<Message.Request>> batch = List.of(request);
        return TestCluster.signer(Principal.replica((int) (v % 4)))
                .sign(new PrePrepare(v, n, TestCluster.digest(batch), batch, (int) (v % 4)));
    }

    private long preparesFrom(int replica, Digest d) {
        return cluster.effects(Effect.Broadcast.class).stream().map(b -> b.message().message())
                .filter(m -> m instanceof Message.Prepare p && p.r() == replica && p.d().equals(d)).count();
    }

    @Test
    void aRestartedBackupNeverPreparesASecondDigestForOneViewAndSequenceNumber() {
        cluster.dropWhen(d -> d.to() != 1); // only replica 1 hears anything
        Signed<PrePrepare> first = prePrepare(0, 1, TestCluster.request(7, 1, "put x"));
        Signed<PrePrepare> second = prePrepare(0, 1, TestCluster.request(8, 1, "put y"));
        cluster.deliver(1, first);
        assertEquals(1, preparesFrom(1, first.message().d()));

        cluster.crash(1);
        cluster.restart(1);
        cluster.deliver(1, second); // an equivocating primary tries the restarted backup

        assertEquals(0, preparesFrom(1, second.message().d()), "it remembered what it had accepted");
        assertTrue(cluster.effects(Effect.Dropped.class).stream()
                .anyMatch(d -> d.reason() == DropReason.CONFLICTING_PRE_PREPARE));
    }

    @Test
    void withoutPersistenceTheRestartedBackupPreparesTheConflictingDigest() {
        cluster.mutate(Set.of(Mutant.NO_PERSISTENCE));
        cluster.dropWhen(d -> d.to() != 1);
        Signed<PrePrepare> first = prePrepare(0, 1, TestCluster.request(7, 1, "put x"));
        Signed<PrePrepare> second = prePrepare(0, 1, TestCluster.request(8, 1, "put y"));
        cluster.deliver(1, first);
        cluster.crash(1);
        cluster.restart(1);
        cluster.deliver(1, second);
        assertEquals(1, preparesFrom(1, second.message().d()), "the mutant signs two digests for (0, 1)");
    }

    @Test
    void aRestartedReplicaStillProvesItsPreparedCertificateInItsViewChange() {
        // Every COMMIT is lost: all prepare "put x" at n=1 and nobody executes it.
        cluster.dropWhen(d -> d.message().message() instanceof Message.Commit);
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));
        cluster.crash(2);
        cluster.restart(2);
        cluster.expire(2, Timer.REQUEST);

        Message.ViewChange vc = cluster.effects(Effect.Broadcast.class).stream().map(b -> b.message().message())
                .filter(m -> m instanceof Message.ViewChange v && v.r() == 2).map(Message.ViewChange.class::cast)
                .findFirst().orElseThrow();
        assertEquals(1, vc.prepared().size(), "the certificate survived the crash");
        assertEquals(1, vc.prepared().get(0).n());
    }

    @Test
    void aRestartedPrimaryDoesNotReuseASequenceNumber() {
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));
        cluster.crash(0);
        cluster.restart(0);
        cluster.deliver(0, TestCluster.request(7, 2, "put y"));
        List<Long> assigned = cluster.effects(Effect.Broadcast.class).stream().map(b -> b.message().message())
                .filter(m -> m instanceof PrePrepare).map(m -> ((PrePrepare) m).n()).toList();
        assertEquals(List.of(1L, 2L), assigned);
        cluster.services.forEach(s -> assertEquals(List.of("put x", "put y").size(),
                s.applied.size() + (s == cluster.services.get(0) ? 1 : 0) - (s == cluster.services.get(0) ? 1 : 0)));
    }

    @Test
    void aReplicaThatMissedTheLastCommitsCatchesUpFromItsPeersLogs() {
        cluster.dropWhen(d -> d.to() == 3 && d.message().message() instanceof Message.Commit);
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));
        assertEquals(List.of(), cluster.services.get(3).applied);

        cluster.dropWhen(d -> false);
        // 0 and 1 say they executed 1; 3 answers each with its status; each resends its log for n = 1.
        cluster.expire(0, Timer.STATUS);
        cluster.expire(1, Timer.STATUS);
        assertEquals(List.of("put x"), cluster.services.get(3).applied);
    }

    @Test
    void aReplicaBehindAStableCheckpointCatchesUpByStateTransferThenTheLog() {
        TestCluster small = new TestCluster(new Config(4, 1, 2, 4, 1, 1_000, false));
        small.dropWhen(d -> d.to() == 3);
        for (int t = 1; t <= 9; t++) {
            small.deliver(0, TestCluster.request(7, t, "op" + t));
        }
        assertEquals(9, small.services.get(0).applied.size());
        assertTrue(small.replicas.get(0).lowWatermark() >= 8, "the others garbage-collected past replica 3");
        assertEquals(0, small.replicas.get(3).lastExecuted());

        small.dropWhen(d -> false);
        small.expire(0, Timer.STATUS);
        small.expire(1, Timer.STATUS);
        // The checkpoint's state at 8, proven by the 2f+1 CHECKPOINTs sent with it; the one request above it
        // comes as log entries when the peers answer its next STATUS.
        assertEquals(8, small.replicas.get(3).lastExecuted());
        small.expire(0, Timer.STATUS);
        small.expire(1, Timer.STATUS);
        assertEquals(9, small.replicas.get(3).lastExecuted());
        assertEquals(small.services.get(0).applied, small.services.get(3).applied);
        assertTrue(small.traceActions().contains("StateTransfer"));
        // From now on it takes part: the next request executes everywhere.
        small.deliver(0, TestCluster.request(7, 10, "op10"));
        assertEquals(10, small.services.get(3).applied.size());
    }

    /** One offer of a stable checkpoint's state suffices when its digest is the one the proof's 2f+1 signed. */
    @Test
    void oneOfferOfTheProvenCheckpointStateIsEnoughAndOnlyThat() {
        Config config = new Config(4, 1, 2, 4, 1, 1_000, false);
        byte[] snapshot = "op1\nop2".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Digest proven = new Durable.StableState(2, snapshot, List.of()).digest();
        List<Signed<Message.Checkpoint>> proof = List.of(0, 1, 2).stream()
                .map(r -> TestCluster.signer(Principal.replica(r)).sign(new Message.Checkpoint(2, proven, r))).toList();
        var from1 = TestCluster.signer(Principal.replica(1));

        Replica other = new Replica(config, 3, TestCluster.signer(Principal.replica(3)), TestCluster::digest,
                new TestCluster.TestService());
        other.step(new Input.Deliver(from1.sign(new Message.State(2, "op1\nevil".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                List.of(), 2, proof, 1))));
        assertEquals(0, other.lastExecuted(), "a state whose digest the proof does not name needs f+1 offers");

        TestCluster.TestService service = new TestCluster.TestService();
        Replica r = new Replica(config, 3, TestCluster.signer(Principal.replica(3)), TestCluster::digest, service);
        r.step(new Input.Deliver(from1.sign(new Message.State(2, snapshot, List.of(), 2, proof, 1))));
        assertEquals(2, r.lastExecuted());
        assertEquals(List.of("op1", "op2"), service.applied);
        assertEquals(2, r.lowWatermark(), "and the checkpoint is stable here too");
    }

    @Test
    void oneFaultyReplicaAloneCannotTransferAState() {
        Replica r = new Replica(Config.of(4, 1), 3, TestCluster.signer(Principal.replica(3)), TestCluster::digest,
                new TestCluster.TestService());
        Signed<Message.State> forged = TestCluster.signer(Principal.replica(1))
                .sign(new Message.State(5, "evil".getBytes(), List.of(), 0, List.of(), 1));
        r.step(new Input.Deliver(forged));
        assertEquals(0, r.lastExecuted(), "f = 1: one offer is not enough");
    }

    @Test
    void aReplicaThatMissedTheNewViewGetsItForwardedAndEntersTheView() {
        cluster.dropWhen(d -> d.message().signer().equals(Principal.replica(0)) || d.to() == 0
                || (d.to() == 3 && d.message().message() instanceof Message.NewView));
        cluster.deliverToAll(TestCluster.request(7, 1, "put x"));
        cluster.expire(1, Timer.REQUEST);
        cluster.expire(2, Timer.REQUEST);
        assertEquals(1, cluster.replicas.get(3).view());
        assertFalse(cluster.traceActions().stream().filter("AcceptNewView"::equals).count() > 1);

        cluster.dropWhen(d -> d.to() == 0 || d.message().signer().equals(Principal.replica(0)));
        cluster.expire(3, Timer.STATUS); // 3 is still changing view; the others forward the NEW-VIEW
        assertEquals(2, cluster.traceActions().stream().filter("AcceptNewView"::equals).count());
        assertEquals(List.of("put x"), cluster.services.get(3).applied);
    }

    @Test
    void section452_aReplicaThatTimedOutAloneDoesNotStartItsNewViewTimer() {
        cluster.deliverToAll(TestCluster.request(7, 1, "put x"));
        int before = cluster.effects.size();
        cluster.dropWhen(d -> true);
        cluster.expire(1, Timer.REQUEST);
        assertTrue(cluster.effects.subList(before, cluster.effects.size()).stream()
                .noneMatch(e -> e instanceof Effect.SetTimer t && t.timer() == Timer.NEW_VIEW));
    }
}
