package org.bftref.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;

/** Castro and Liskov, OSDI 1999, sections 4.1 to 4.3: the normal case, execution and checkpoints. */
class NormalCaseTest {

    private final TestCluster cluster = new TestCluster(Config.of(4, 1));

    @Test
    void section42_aRequestIsExecutedByEveryReplicaAtTheSameSequenceNumber() {
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));

        List<Effect.Executed> executed = cluster.effects(Effect.Executed.class);
        assertEquals(4, executed.size(), executed::toString);
        executed.forEach(e -> {
            assertEquals(1, e.n());
            assertEquals("put x", e.request().operation());
        });
        cluster.services.forEach(s -> assertEquals(List.of("put x"), s.applied));
        // Every replica replies to the client with the same result: f+1 of them convince it (section 4.1).
        assertEquals(4, cluster.effects(Effect.Send.class).stream()
                .filter(s -> s.message().message() instanceof Message.Reply r && r.result().equals("ok:put x#1")).count());
    }

    @Test
    void section42_theStepsAreTracedUnderTheirSpecActionNames() {
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));

        List<String> actions = cluster.traceActions();
        assertEquals(1, actions.stream().filter("SendPrePrepare"::equals).count());
        assertEquals(3, actions.stream().filter("SendPrepare"::equals).count(), "the primary sends no PREPARE");
        assertEquals(4, actions.stream().filter("SendCommit"::equals).count());
    }

    @Test
    void section42_aBackupRefusesASecondPrePrepareForTheSameViewAndSequenceNumber() {
        Replica backup = cluster.replicas.get(1);
        List<Signed<Message.Request>> a = List.of(TestCluster.request(1, 1, "a"));
        List<Signed<Message.Request>> b = List.of(TestCluster.request(1, 1, "b"));
        var primary = TestCluster.signer(org.bftref.impl.message.Principal.replica(0));

        List<Effect> first = backup.step(new Input.Deliver(primary.sign(new PrePrepare(0, 1, TestCluster.digest(a), a, 0))));
        List<Effect> second = backup.step(new Input.Deliver(primary.sign(new PrePrepare(0, 1, TestCluster.digest(b), b, 0))));

        assertTrue(first.stream().anyMatch(e -> e instanceof Effect.Broadcast x && x.message().message() instanceof Message.Prepare));
        assertEquals(List.of(new Effect.Dropped(DropReason.CONFLICTING_PRE_PREPARE,
                new Input.Deliver(primary.sign(new PrePrepare(0, 1, TestCluster.digest(b), b, 0))))), second);
    }

    @Test
    void section42_aPrePrepareWhoseDigestDoesNotMatchItsBatchIsDropped() {
        List<Signed<Message.Request>> a = List.of(TestCluster.request(1, 1, "a"));
        List<Signed<Message.Request>> b = List.of(TestCluster.request(1, 1, "b"));
        var primary = TestCluster.signer(org.bftref.impl.message.Principal.replica(0));

        List<Effect> out = cluster.replicas.get(2).step(new Input.Deliver(
                primary.sign(new PrePrepare(0, 1, TestCluster.digest(a), b, 0))));

        assertEquals(1, out.size());
        assertEquals(DropReason.DIGEST_MISMATCH, ((Effect.Dropped) out.get(0)).reason());
    }

    @Test
    void section42_aPrePrepareFromAReplicaThatIsNotThePrimaryIsDropped() {
        List<Signed<Message.Request>> a = List.of(TestCluster.request(1, 1, "a"));
        var notPrimary = TestCluster.signer(org.bftref.impl.message.Principal.replica(3));

        List<Effect> out = cluster.replicas.get(2).step(new Input.Deliver(
                notPrimary.sign(new PrePrepare(0, 1, TestCluster.digest(a), a, 3))));

        assertEquals(DropReason.NOT_FROM_PRIMARY, ((Effect.Dropped) out.get(0)).reason());
    }

    @Test
    void section42_withoutTwoFPreparesFromBackupsNoReplicaCommits() {
        // Every PREPARE is lost in transit: each backup holds only its own, 1 < 2f = 2, so nobody is
        // prepared and nobody commits.
        cluster.dropWhen(d -> d.message().message() instanceof Message.Prepare);
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));

        assertFalse(cluster.traceActions().contains("SendCommit"), cluster.traceActions()::toString);
        assertTrue(cluster.effects(Effect.Executed.class).isEmpty());
    }

    @Test
    void section41_aRetransmittedRequestIsAnsweredAgainButNotExecutedTwice() {
        Signed<Message.Request> request = TestCluster.request(7, 1, "increment");
        cluster.deliver(0, request);
        cluster.deliver(0, request);

        assertEquals(List.of("increment"), cluster.services.get(0).applied);
        long replies = cluster.effects(Effect.Send.class).stream()
                .filter(s -> s.message().message() instanceof Message.Reply && s.to().id() == 7).count();
        assertEquals(5, replies, "4 replies to the first copy, the primary answers the retransmission again");
    }

    @Test
    void section43_stableCheckpointsDiscardTheLogSoMemoryStaysBounded() {
        Config config = new Config(4, 1, 4, 8, 1, 1_000, false);
        TestCluster small = new TestCluster(config);
        for (int t = 1; t <= 100; t++) {
            small.deliver(0, TestCluster.request(1, t, "op" + t));
        }
        for (Replica r : small.replicas) {
            assertEquals(100, r.lastExecuted());
            assertEquals(100, r.lowWatermark(), "the checkpoint at 100 is stable");
            assertTrue(r.logSize() <= config.watermarkWindow(), "log holds " + r.logSize());
        }
    }

    @Test
    void theCoreIsDeterministic() {
        TestCluster again = new TestCluster(Config.of(4, 1));
        for (TestCluster c : List.of(cluster, again)) {
            for (int t = 1; t <= 20; t++) {
                c.deliver(0, TestCluster.request(t % 3, t, "op" + t));
            }
        }
        assertEquals(cluster.effects, again.effects);
    }
}
