package org.bftref.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;

/** Castro and Liskov, OSDI 1999, section 4.4: view changes, and what a backup checks of a NEW-VIEW. */
class ViewChangeTest {

    private final TestCluster cluster = new TestCluster(Config.of(4, 1));

    @Test
    void section44_backupsReplaceASilentPrimaryAndTheRequestExecutesInView1() {
        cluster.dropWhen(d -> d.message().signer().equals(Principal.replica(0)) || d.to() == 0);
        cluster.deliverToAll(TestCluster.request(7, 1, "put x"));
        assertTrue(cluster.effects(Effect.SetTimer.class).stream().anyMatch(t -> t.timer() == Timer.REQUEST));

        cluster.expire(1, Timer.REQUEST);
        cluster.expire(2, Timer.REQUEST); // with 1's VIEW-CHANGE, f+1 ask for view 1: replica 3 joins

        for (int r = 1; r <= 3; r++) {
            assertEquals(1, cluster.replicas.get(r).view());
            assertEquals(List.of("put x"), cluster.services.get(r).applied, "replica " + r);
        }
        List<String> actions = cluster.traceActions();
        assertEquals(3, actions.stream().filter("SendViewChange"::equals).count(), actions::toString);
        assertEquals(1, actions.stream().filter("SendNewView"::equals).count());
        assertEquals(2, actions.stream().filter("AcceptNewView"::equals).count());
    }

    @Test
    void section44_aRequestPreparedInView0IsCarriedIntoView1AtItsSequenceNumber() {
        // Every COMMIT is lost: the replicas prepare "put x" at n=1 in view 0, but nobody executes it.
        cluster.dropWhen(d -> d.message().message() instanceof Message.Commit c && c.v() == 0);
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));
        assertTrue(cluster.effects(Effect.Executed.class).isEmpty());

        cluster.expire(1, Timer.REQUEST);
        cluster.expire(2, Timer.REQUEST);

        List<Effect.Executed> executed = cluster.effects(Effect.Executed.class);
        assertEquals(4, executed.size(), executed::toString);
        executed.forEach(e -> assertEquals(1, e.n(), "the NEW-VIEW's O keeps it at sequence number 1"));
        cluster.services.forEach(s -> assertEquals(List.of("put x"), s.applied));
    }

    @Test
    void section44_aBackupRejectsANewViewWhoseOItCannotRecomputeFromV() {
        cluster.dropWhen(d -> d.message().message() instanceof Message.Commit c && c.v() == 0
                || d.message().message() instanceof Message.NewView);
        cluster.deliver(0, TestCluster.request(7, 1, "put x"));
        cluster.expire(1, Timer.REQUEST);
        cluster.expire(2, Timer.REQUEST);
        Message.NewView honest = cluster.effects(Effect.Broadcast.class).stream()
                .map(b -> b.message().message()).filter(m -> m instanceof Message.NewView)
                .map(m -> (Message.NewView) m).findFirst().orElseThrow();

        // The new primary (replica 1) drops the prepared request and fills sequence number 1 with a no-op.
        PrePrepare noop = new PrePrepare(1, 1, TestCluster.digest(List.of()), List.of(), 1);
        Signed<Message.NewView> forged = TestCluster.signer(Principal.replica(1)).sign(new Message.NewView(
                1, honest.viewChanges(), List.of(TestCluster.signer(Principal.replica(1)).sign(noop)), 1));
        List<Effect> out = cluster.replicas.get(2).step(new Input.Deliver(forged));

        assertEquals(List.of(new Effect.Dropped(DropReason.INVALID_NEW_VIEW, new Input.Deliver(forged))), out);
    }

    @Test
    void section44_aViewChangeClaimingACertificateWithoutEnoughPreparesIsRejected() {
        List<Signed<Message.Request>> batch = List.of(TestCluster.request(1, 1, "x"));
        Signed<PrePrepare> pp = TestCluster.signer(Principal.replica(0))
                .sign(new PrePrepare(0, 1, TestCluster.digest(batch), batch, 0));
        Signed<Message.Prepare> onlyOne = TestCluster.signer(Principal.replica(3))
                .sign(new Message.Prepare(0, 1, pp.message().d(), 3));
        Signed<Message.ViewChange> vc = TestCluster.signer(Principal.replica(3)).sign(new Message.ViewChange(
                1, 0, List.of(), List.of(new Message.PreparedCertificate(pp, List.of(onlyOne))), 3));

        List<Effect> out = cluster.replicas.get(1).step(new Input.Deliver(vc));

        assertEquals(DropReason.INVALID_CERTIFICATE, ((Effect.Dropped) out.get(0)).reason());
    }
}
