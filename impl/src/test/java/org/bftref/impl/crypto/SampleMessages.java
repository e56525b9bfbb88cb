package org.bftref.impl.crypto;

import java.util.List;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.NewView;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.PreparedCertificate;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Signed;

/** One signed message of every type, with every kind of nesting, for n = 4 (f = 1) replicas and 2 clients. */
final class SampleMessages {

    static final int REPLICAS = 4;
    static final int CLIENTS = 2;
    static final Digest STATE = Digest.of("state after 2");

    private final KeyRing ring;

    SampleMessages(KeyRing ring) {
        this.ring = ring;
    }

    static SampleMessages withScheme(SignatureScheme scheme) {
        return new SampleMessages(KeyRing.fromSeed(scheme, 42, REPLICAS, CLIENTS));
    }

    KeyRing ring() {
        return ring;
    }

    <M extends Message> Signed<M> sign(M m) {
        return ring.signer(m.signer()).sign(m);
    }

    Signed<Request> request(int client, long timestamp, String operation) {
        return sign(new Request(client, timestamp, operation));
    }

    List<Signed<Request>> batch() {
        // Non-ASCII on purpose: the encoding counts UTF-8 bytes, not chars.
        return List.of(request(0, 1, "put x 1"), request(1, 7, "put y \u00e9\u4e2d\uD83D\uDE00"));
    }

    Signed<PrePrepare> prePrepare(long v, long n, List<Signed<Request>> batch) {
        return sign(new PrePrepare(v, n, Codec.batchDigest(batch), batch, (int) (v % REPLICAS)));
    }

    Signed<Prepare> prepare(long v, long n, Digest d, int r) {
        return sign(new Prepare(v, n, d, r));
    }

    PreparedCertificate certificate(long v, long n, List<Signed<Request>> batch) {
        Signed<PrePrepare> pp = prePrepare(v, n, batch);
        int primary = (int) (v % REPLICAS);
        return new PreparedCertificate(pp, List.of(prepare(v, n, pp.message().d(), (primary + 1) % REPLICAS),
                prepare(v, n, pp.message().d(), (primary + 2) % REPLICAS)));
    }

    List<Signed<Checkpoint>> checkpointProof() {
        return List.of(sign(new Checkpoint(2, STATE, 0)), sign(new Checkpoint(2, STATE, 1)),
                sign(new Checkpoint(2, STATE, 2)));
    }

    Signed<ViewChange> viewChange(long v, int r) {
        return sign(new ViewChange(v, 2, checkpointProof(),
                List.of(certificate(v - 1, 3, batch()), certificate(v - 1, 4, List.of())), r));
    }

    Signed<NewView> newView(long v) {
        int primary = (int) (v % REPLICAS);
        List<Signed<ViewChange>> vSet = List.of(viewChange(v, 0), viewChange(v, 2), viewChange(v, 3));
        List<Signed<PrePrepare>> oSet = List.of(prePrepare(v, 3, batch()), prePrepare(v, 4, List.of()));
        return sign(new NewView(v, vSet, oSet, primary));
    }

    /** One of each message type; the VIEW-CHANGE and NEW-VIEW nest certificates, proofs, batches and V and O. */
    List<Signed<? extends Message>> all() {
        Signed<PrePrepare> pp = prePrepare(0, 1, batch());
        Digest d = pp.message().d();
        return List.of(
                request(0, 1, "put x 1"),
                request(1, 0, ""),
                pp,
                prePrepare(1, 2, List.of()),
                prepare(0, 1, d, 1),
                sign(new Commit(0, 1, d, 2)),
                sign(new Checkpoint(2, STATE, 3)),
                sign(new ViewChange(1, 0, List.of(), List.of(), 1)),
                viewChange(1, 1),
                newView(1),
                sign(new Reply(0, 1, 0, "ok \u00e9", 3)),
                sign(new Message.Status(2, false, 7, 1)),
                sign(new Message.State(7, new byte[] {1, 2, 3, 0, -1}, List.of(sign(new Reply(0, 1, 0, "ok", 2))), 2,
                        List.of(sign(new Checkpoint(2, STATE, 0)), sign(new Checkpoint(2, STATE, 1)), sign(new Checkpoint(2, STATE, 3))), 2)),
                sign(new Message.State(1, new byte[0], List.of(), 0, List.of(), 0)));
    }
}
