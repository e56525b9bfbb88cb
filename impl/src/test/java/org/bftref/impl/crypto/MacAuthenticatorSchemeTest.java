package org.bftref.impl.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.PreparedCertificate;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Message.State;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;

/**
 * What is particular to {@link SignatureScheme#ED25519_MAC}: each replica checks its own authenticator entry
 * and nobody else's, a reply's MAC convinces its client only, replica messages stay Ed25519 for every reader,
 * and certificates vouch for their requests. The guarantees shared with the other schemes are in
 * {@link SignatureSchemeTest}.
 */
class MacAuthenticatorSchemeTest {

    private static final int N = SampleMessages.REPLICAS;
    private static final int TAG = MacAuthenticatorScheme.TAG_BYTES;

    private final SampleMessages s = SampleMessages.withScheme(SignatureScheme.ED25519_MAC);
    private final KeyRing ring = s.ring();

    private Verifier at(int replica) {
        return ring.verifier(Principal.replica(replica));
    }

    /** The request with the authenticator entry of {@code replica} broken (one bit). */
    private static Signed<Request> brokenEntry(Signed<Request> request, int replica) {
        byte[] bytes = request.signature().bytes();
        bytes[replica * TAG + TAG / 2] ^= 0x10;
        return new Signed<>(request.message(), new Signature(bytes));
    }

    @Test
    void authenticatorHasOneTagPerReplica() {
        assertEquals(N * TAG, s.request(0, 1, "op").signature().bytes().length);
        assertEquals(TAG, s.sign(new Reply(0, 1, 0, "ok", 2)).signature().bytes().length);
        assertEquals(64, s.prepare(0, 1, Digest.of("d"), 1).signature().bytes().length, "Ed25519 between replicas");
    }

    @Test
    void eachReplicaChecksItsOwnEntryOnly() {
        Signed<Request> request = s.request(1, 3, "put x 1");
        for (int r = 0; r < N; r++) {
            assertTrue(at(r).verify(request), "replica " + r);
        }
        for (int broken = 0; broken < N; broken++) {
            Signed<Request> partial = brokenEntry(request, broken);
            for (int r = 0; r < N; r++) {
                assertEquals(r != broken, at(r).verify(partial), "entry " + broken + " broken, read by " + r);
            }
        }
    }

    @Test
    void everyBitOfAnEntryMattersToItsReplica() {
        Signed<Request> request = s.request(0, 1, "op");
        byte[] bytes = request.signature().bytes();
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            int owner = bit / 8 / TAG;
            Signed<Request> changed = new Signed<>(request.message(), new Signature(flipped));
            for (int r = 0; r < N; r++) {
                assertEquals(r != owner, at(r).verify(changed), "bit " + bit + " read by replica " + r);
            }
        }
    }

    @Test
    void faultyPrimaryCannotForgeARequestForHonestBackups() {
        // The primary (replica 0) knows only the keys it shares with clients: it can make entry 0 of a request
        // the client never sent, and nothing else. Its PRE-PREPARE, honestly signed, fails at every backup.
        Request invented = new Request(1, 99, "transfer everything");
        byte[] entry0 = s.request(1, 99, "transfer everything").signature().bytes(); // stands in for the primary's own tag
        byte[] authenticator = new byte[N * TAG];
        System.arraycopy(entry0, 0, authenticator, 0, TAG);
        Signed<Request> forged = new Signed<>(invented, new Signature(authenticator));
        List<Signed<Request>> batch = List.of(forged);
        Signed<PrePrepare> pp = s.sign(new PrePrepare(0, 1, Codec.batchDigest(batch), batch, 0));
        assertTrue(at(0).verifyDeep(pp), "the primary's own entry is all it could make");
        for (int backup = 1; backup < N; backup++) {
            assertTrue(at(backup).verify(pp), "the envelope is the primary's");
            assertFalse(at(backup).verifyDeep(pp), "backup " + backup + " took a forged request");
        }
    }

    @Test
    void requestsAreNotMeantForClientsAndRepliesOnlyForTheirClient() {
        Signed<Request> request = s.request(0, 1, "op");
        assertFalse(ring.verifier(Principal.client(0)).verify(request));
        assertFalse(ring.verifier(Principal.client(1)).verify(request));

        Signed<Reply> reply = s.sign(new Reply(0, 1, 0, "ok", 2));
        assertTrue(ring.verifier(Principal.client(0)).verify(reply));
        assertFalse(ring.verifier(Principal.client(1)).verify(reply), "another client");
        for (int r = 0; r < N; r++) {
            assertFalse(at(r).verify(reply), "a replica cannot check a reply MAC");
        }
        // Re-addressed to client 1, or re-attributed to replica 3: the MAC was made with another pair's key.
        assertFalse(ring.verifier(Principal.client(1)).verify(new Signed<>(new Reply(0, 1, 1, "ok", 2), reply.signature())));
        assertFalse(ring.verifier(Principal.client(0)).verify(new Signed<>(new Reply(0, 1, 0, "ok", 3), reply.signature())));
        assertFalse(ring.verifier(Principal.client(0)).verify(new Signed<>(new Reply(0, 1, 0, "ko", 2), reply.signature())));
    }

    @Test
    void replicaMessagesVerifyForEveryReaderClientsIncluded() {
        Signed<Prepare> prepare = s.prepare(0, 1, Digest.of("d"), 1);
        for (int r = 0; r < N; r++) {
            assertTrue(at(r).verify(prepare));
        }
        assertTrue(ring.verifier(Principal.client(0)).verify(prepare));
    }

    @Test
    void certificatesVouchForTheirRequestsButNotForTheirSignatures() {
        List<Signed<Request>> batch = List.of(brokenEntry(s.request(0, 1, "op"), 3), s.request(1, 1, "op"));
        Signed<PrePrepare> pp = s.prePrepare(0, 5, batch);
        // In the normal case replica 3 drops the PRE-PREPARE: it cannot authenticate the first request.
        assertFalse(at(3).verifyDeep(pp));
        assertTrue(at(1).verifyDeep(pp));
        // Prepared at 0, 1 and 2 (2f+1 signatures over its digest): in a VIEW-CHANGE replica 3 accepts it.
        PreparedCertificate prepared = new PreparedCertificate(pp, List.of(s.prepare(0, 5, pp.message().d(), 1),
                s.prepare(0, 5, pp.message().d(), 2)));
        assertTrue(at(3).verifyDeep(prepared));
        Signed<ViewChange> vc = s.sign(new ViewChange(1, 0, List.of(), List.of(prepared), 2));
        assertTrue(at(3).verifyDeep(vc));
        // ... but not with one of its PREPAREs or its PRE-PREPARE's signature broken.
        Signed<Prepare> badPrepare = new Signed<>(prepared.prepares().get(0).message(),
                new Signature(new byte[64]));
        assertFalse(at(3).verifyDeep(new PreparedCertificate(pp, List.of(badPrepare, prepared.prepares().get(1)))));
        assertFalse(at(3).verifyDeep(new PreparedCertificate(new Signed<>(pp.message(), new Signature(new byte[64])),
                prepared.prepares())));
    }

    @Test
    void stateRepliesAreLeftToTheStateDigestButItsProofIsChecked() {
        Signed<Reply> reply = s.sign(new Reply(0, 1, 0, "ok", 2));
        List<Signed<Checkpoint>> proof = s.checkpointProof();
        Signed<State> state = s.sign(new State(7, new byte[] {1}, List.of(reply), 2, proof, 2));
        assertTrue(at(1).verifyDeep(state));
        List<Signed<Checkpoint>> badProof = List.of(proof.get(0), proof.get(1),
                new Signed<>(proof.get(2).message(), new Signature(new byte[64])));
        assertFalse(at(1).verifyDeep(s.sign(new State(7, new byte[] {1}, List.of(reply), 2, badProof, 2))));
    }

    @Test
    void verifierDependsOnTheViewerOnlyUnderThisScheme() {
        assertThrows(IllegalStateException.class, ring::verifier);
        assertThrows(IllegalArgumentException.class, () -> ring.verifier(Principal.replica(N)));
        assertThrows(IllegalArgumentException.class, () -> ring.verifier(Principal.client(SampleMessages.CLIENTS)));
        for (SignatureScheme scheme : List.of(SignatureScheme.ED25519, SignatureScheme.HMAC_SHA256)) {
            KeyRing other = KeyRing.fromSeed(scheme, 42, N, 2);
            assertSame(other.verifier(), other.verifier(Principal.replica(1)));
            assertSame(other.verifier(), other.verifier(Principal.client(0)));
        }
    }

    @Test
    void onlyRequestsRepliesAndPrePreparesWithRequestsDependOnTheViewer() {
        Verifier v = at(1);
        assertFalse(v.sameForEveryViewer(s.request(0, 1, "op")));
        assertFalse(v.sameForEveryViewer(s.sign(new Reply(0, 1, 0, "ok", 2))));
        assertFalse(v.sameForEveryViewer(s.prePrepare(0, 1, s.batch())));
        assertTrue(v.sameForEveryViewer(s.prePrepare(1, 2, List.of())));
        assertTrue(v.sameForEveryViewer(s.viewChange(1, 1)));
        assertTrue(v.sameForEveryViewer(s.newView(1)));
        assertTrue(v.sameForEveryViewer(s.prepare(0, 1, Digest.of("d"), 1)));
        // The claim itself: every replica gives the same answer for the viewer-independent ones.
        for (var m : s.all()) {
            if (v.sameForEveryViewer(m)) {
                for (int r = 0; r < N; r++) {
                    assertEquals(v.verifyDeep(m), at(r).verifyDeep(m), m.toString());
                }
            }
        }
        KeyRing ed = KeyRing.fromSeed(SignatureScheme.ED25519, 1, N, 2);
        assertTrue(ed.verifier().sameForEveryViewer(s.request(0, 1, "op")));
    }

    @Test
    void replicaRefusesToMacAReplyForAClientWithoutAKey() {
        Signer replica = ring.signer(Principal.replica(1));
        assertThrows(IllegalArgumentException.class,
                () -> replica.sign(new Reply(0, 1, SampleMessages.CLIENTS, "ok", 1)));
    }

    @Test
    void pairwiseKeysDependOnTheSeedAndOnBothEnds() {
        Request r = new Request(0, 1, "op");
        byte[] a = KeyRing.fromSeed(SignatureScheme.ED25519_MAC, 1, N, 2).signer(Principal.client(0)).sign(r)
                .signature().bytes();
        byte[] b = KeyRing.fromSeed(SignatureScheme.ED25519_MAC, 2, N, 2).signer(Principal.client(0)).sign(r)
                .signature().bytes();
        for (int e = 0; e < N; e++) {
            assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(a, e * TAG, e * TAG + TAG),
                    java.util.Arrays.copyOfRange(b, e * TAG, e * TAG + TAG)), "entry " + e + " across seeds");
            for (int other = e + 1; other < N; other++) {
                assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(a, e * TAG, e * TAG + TAG),
                        java.util.Arrays.copyOfRange(a, other * TAG, other * TAG + TAG)), "entries " + e + ", " + other);
            }
        }
    }
}
