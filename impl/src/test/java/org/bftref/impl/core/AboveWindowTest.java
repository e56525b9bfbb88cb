package org.bftref.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * Messages for sequence numbers just above a replica's window wait for the window to move instead of being
 * dropped (Replica.keepOrDrop): replicas move their windows at slightly different times, and what the first one
 * sends for its new sequence numbers would otherwise come back only with STATUS retransmissions.
 */
class AboveWindowTest {

    // A checkpoint at every sequence number, a window of 2: the window is (h, h+2], waiting room (h+2, h+4].
    private final Config config = new Config(4, 1, 1, 2, 1, 1_000, false);
    private final TestCluster cluster = new TestCluster(config);
    private final MessageSigner primary = TestCluster.signer(Principal.replica(0));

    private Signed<PrePrepare> prePrepare(long n, int client) {
        List<Signed<Message.Request>> batch = List.of(TestCluster.request(client, 1, "op" + client));
        return primary.sign(new PrePrepare(0, n, TestCluster.digest(batch), batch, 0));
    }

    @Test
    void aPrePrepareJustAboveTheWindowIsHandledWhenTheWindowMoves() {
        Replica backup = cluster.replicas.get(1);

        assertEquals(List.of(), backup.step(new Input.Deliver(prePrepare(3, 5))), "n=3 waits: nothing yet, no drop");
        cluster.deliver(0, TestCluster.request(7, 1, "first")); // executed at n=1; checkpoint 1 stable; window (1, 3]

        assertEquals(1, backup.lowWatermark());
        assertTrue(cluster.effects(Effect.Broadcast.class).stream().anyMatch(b -> b.message().message()
                        instanceof Message.Prepare p && p.n() == 3 && p.r() == 1),
                "the backup prepared n=3 once its window reached it, with no retransmission");
    }

    @Test
    void fartherAboveOrTwiceTheSameIsDropped() {
        Replica backup = cluster.replicas.get(1);

        assertEquals(DropReason.OUTSIDE_WATERMARKS, dropped(backup.step(new Input.Deliver(prePrepare(5, 5)))),
                "beyond one window above: a faulty primary must not make a replica hold without bound");
        backup.step(new Input.Deliver(prePrepare(4, 5)));
        assertEquals(DropReason.DUPLICATE, dropped(backup.step(new Input.Deliver(prePrepare(4, 6)))),
                "one message per sequence number, kind and sender waits");
    }

    @Test
    void aLaterViewsMessageReplacesAWaitingOneFromTheSameSender() {
        Replica backup = cluster.replicas.get(1);
        MessageSigner replica2 = TestCluster.signer(Principal.replica(2));
        org.bftref.impl.message.Digest d = TestCluster.digest(List.of(TestCluster.request(5, 1, "op5")));

        assertEquals(List.of(), backup.step(new Input.Deliver(replica2.sign(new Message.Prepare(1, 4, d, 2)))));
        assertEquals(DropReason.DUPLICATE, dropped(backup.step(new Input.Deliver(replica2.sign(new Message.Prepare(0, 4, d, 2))))),
                "an earlier view's PREPARE does not replace a later one's");
        assertEquals(List.of(), backup.step(new Input.Deliver(replica2.sign(new Message.Prepare(3, 4, d, 2)))),
                "a later view's does");
    }

    private static DropReason dropped(List<Effect> effects) {
        assertEquals(1, effects.size(), effects::toString);
        return ((Effect.Dropped) effects.get(0)).reason();
    }

    /**
     * What breaks without the rule: under load the windows stall until a STATUS retransmission, half a view-change
     * timeout later. With 2,000 clients and a 5 s timeout, 4,000 requests took seconds of virtual time then;
     * now a request waits about as long as the queue at the primary makes it.
     */
    @Test
    void underLoadNoWindowWaitsForARetransmission() {
        Scenario loaded = Scenario.defaults(1, 4).withClients(2_000, 2).withBatchSizeMax(100).withCheckpoints(4, 8)
                .withViewChangeTimeoutMillis(5_000).withNetwork(Scenario.Network.reliable(1, 5));
        SimulationResult r = Simulator.run(loaded);

        assertTrue(r.allClientOpsCompleted(), r::summary);
        long slowest = r.clientOps().stream().mapToLong(op -> op.completedAt() - op.submittedAt()).max().orElseThrow();
        assertTrue(slowest < 1_000, "slowest request took " + slowest + " ms of virtual time; a STATUS comes every 2,500");
        assertTrue(r.drops("OUTSIDE_WATERMARKS") < r.events() / 100, "drops " + r.drops());
    }
}
