package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.crypto.Verifier;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nothing reaches a core unless its signatures verified, and each arrival reaches it at most once. */
class VerificationTest {

    private static final long SEED = 3;

    @AfterEach
    void noRuntimeThreadOutlivesItsCluster() {
        assertEquals(0, RuntimeThreads.alive());
    }

    /** A PREPARE no run of this test produces by itself: its sequence number is far beyond the window. */
    private static Message.Prepare marker(int from, long n) {
        return new Message.Prepare(0, n, Digest.of("marker " + n), from);
    }

    @Test
    void forgedOrMalformedBytesOnTheWireNeverReachTheCore() throws Exception {
        KeyRing keys = KeyRing.fromSeed(SignatureScheme.ED25519, SEED, 4, 2); // the cluster's keys: same seed
        Verifier verifier = keys.verifier();
        List<Signed<? extends Message>> seen = new CopyOnWriteArrayList<>();
        List<Signed<? extends Message>> unverified = new CopyOnWriteArrayList<>();
        RunOptions options = new RunOptions().seed(SEED).clients(2).requests(0);
        try (Cluster cluster = new Cluster(options, (replica, m) -> {
            if (replica == 1) {
                seen.add(m);
            }
            if (!verifier.verifyDeep(m)) {
                unverified.add(m);
            }
        })) {
            cluster.start();
            Signed<Message.Prepare> good = keys.signer(Principal.replica(2)).sign(marker(2, 1_000));
            byte[] badSignature = good.signature().bytes().clone();
            badSignature[0] ^= 1;
            // 1. replica 2's message with one bit of its signature flipped
            Signed<Message.Prepare> flipped = new Signed<>(marker(2, 1_001), new Signature(badSignature));
            // 2. replica 3's message carrying replica 2's (valid, but not its) signature
            Signed<Message.Prepare> stolen = new Signed<>(marker(3, 1_000), good.signature());
            // 3. replica 0 claims to be replica 2: signed with its own key, the message names replica 2
            Signed<Message.Prepare> impostor = new Signed<>(marker(2, 1_002),
                    keys.signer(Principal.replica(0)).sign(marker(0, 1_002)).signature());
            InMemoryTransport wire = cluster.transport();
            wire.deliver(Principal.replica(1), Codec.encode(flipped));
            wire.deliver(Principal.replica(1), Codec.encode(stolen));
            wire.deliver(Principal.replica(1), Codec.encode(impostor));
            wire.deliver(Principal.replica(1), new byte[] {Codec.FORMAT_VERSION, 42, 1, 2, 3}); // 4. not a message
            wire.deliver(Principal.replica(1), Codec.encode(good)); // and one good message, once
            long deadline = System.currentTimeMillis() + 10_000;
            while (cluster.metrics().dropped(Metrics.BAD_SIGNATURE) < 3
                    || seen.stream().noneMatch(m -> m.equals(good))) {
                assertTrue(System.currentTimeMillis() < deadline, "the injected messages were not all handled");
                Thread.sleep(5);
            }
            Thread.sleep(100); // time for anything wrongly let through to arrive as well
            assertEquals(3, cluster.metrics().dropped(Metrics.BAD_SIGNATURE));
            assertEquals(1, cluster.metrics().dropped(Metrics.UNDECODABLE));
        }
        assertEquals(List.of(), unverified, "a core took a message whose signatures do not verify");
        assertEquals(1, seen.stream().filter(m -> m.message() instanceof Message.Prepare p && p.n() >= 1_000).count(),
                "only the good marker, exactly once: " + seen);
    }

    @Test
    void everyMessageACoreTakesInAWholeRunVerifies() throws Exception {
        KeyRing keys = KeyRing.fromSeed(SignatureScheme.HMAC_SHA256, SEED, 4, 8);
        List<Signed<? extends Message>> unverified = new CopyOnWriteArrayList<>();
        RunOptions options = ClusterTest.fast().seed(SEED).clients(8).requests(300)
                .byzantine(0, ByzantineStrategy.EQUIVOCATE);
        RunResult r;
        try (Cluster cluster = new Cluster(options, (replica, m) -> {
            if (!keys.verifier().verifyDeep(m)) {
                unverified.add(m);
            }
        })) {
            cluster.start();
            cluster.submit();
            assertTrue(cluster.awaitCompleted(300, 20_000));
            r = cluster.stop();
        }
        assertEquals(List.of(), unverified);
        assertTrue(r.counters().get(Metrics.DELIVERED) > 300 * 4, r.summary());
    }
}
