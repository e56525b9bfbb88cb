package org.bftref.impl.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bftref.impl.core.Durable;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * Durable records of every type for a 4-replica deployment, built directly (no replica), with placeholder
 * signatures: storage never verifies, it must only give back exactly what it was given.
 */
final class Samples {

    static final int N = 4;

    private Samples() {
    }

    static <M extends Message> Signed<M> sign(M message) {
        return new Signed<>(message, new Signature(("sig:" + message.signer()).getBytes(StandardCharsets.UTF_8)));
    }

    static Signed<Message.Request> request(int client, long timestamp, String op) {
        return sign(new Message.Request(client, timestamp, op));
    }

    static Digest digest(List<Signed<Message.Request>> batch) {
        StringBuilder s = new StringBuilder();
        batch.forEach(r -> s.append(r.message()).append('|'));
        return Digest.of(s.toString());
    }

    static Signed<Message.PrePrepare> prePrepare(long v, long n, String op) {
        List<Signed<Message.Request>> batch = List.of(request(7, n, op));
        int primary = (int) (v % N);
        return sign(new Message.PrePrepare(v, n, digest(batch), batch, primary));
    }

    static Durable.PrePrepareAccepted accepted(long v, long n) {
        return new Durable.PrePrepareAccepted(prePrepare(v, n, "op" + n));
    }

    static Durable.PreparedCertificateHeld prepared(long v, long n) {
        Signed<Message.PrePrepare> pp = prePrepare(v, n, "op" + n);
        List<Signed<Message.Prepare>> prepares = new ArrayList<>();
        for (int r = 0; r < N; r++) {
            if (r != pp.message().primary() && prepares.size() < 2) {
                prepares.add(sign(new Message.Prepare(v, n, pp.message().d(), r)));
            }
        }
        return new Durable.PreparedCertificateHeld(new Message.PreparedCertificate(pp, prepares));
    }

    static List<Signed<Message.Checkpoint>> proof(long n) {
        Digest d = Digest.of("state " + n);
        List<Signed<Message.Checkpoint>> proof = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            proof.add(sign(new Message.Checkpoint(n, d, r)));
        }
        return proof;
    }

    static Durable.StableState state(long n) {
        return new Durable.StableState(n, ("snapshot after " + n).getBytes(StandardCharsets.UTF_8),
                List.of(sign(new Message.Reply(0, n, 7, "ok" + n, 1)), sign(new Message.Reply(0, 3, 8, "ok", 1))));
    }

    static Durable.CheckpointStable stable(long n) {
        return new Durable.CheckpointStable(n, Digest.of("state " + n), proof(n));
    }

    static Signed<Message.ViewChange> viewChange(long v, long stableN, int r) {
        return sign(new Message.ViewChange(v, stableN, proof(stableN),
                List.of(prepared(v - 1, stableN + 1).certificate()), r));
    }

    static Durable.ViewChangeSent viewChangeSent(long v, long stableN) {
        return new Durable.ViewChangeSent(viewChange(v, stableN, 1));
    }

    static Durable.NewViewEntered newViewEntered(long v, long stableN) {
        List<Signed<Message.ViewChange>> vcs = List.of(viewChange(v, stableN, 1), viewChange(v, stableN, 2),
                viewChange(v, stableN, 3));
        return new Durable.NewViewEntered(sign(new Message.NewView(v, vcs, List.of(prePrepare(v, stableN + 1,
                "op" + (stableN + 1))), (int) (v % N))));
    }

    /** One record of each type. */
    static List<Durable> everyType() {
        return List.of(accepted(0, 1), prepared(0, 1), state(16), stable(16), viewChangeSent(1, 16),
                newViewEntered(1, 16));
    }

    /**
     * What a backup persists for {@code batches} batches of one request in view 0: see
     * {@link #backupRun(int, int, int, int)}.
     */
    static List<Durable> backupRun(int batches, int interval, int viewEvery) {
        return backupRun(batches, 1, interval, viewEvery);
    }

    /**
     * What a backup persists for {@code batches} PRE-PREPAREs of {@code batchSize} requests each: a pre-prepare
     * and a certificate per batch, a state and a stable checkpoint every {@code interval} sequence numbers, and
     * a view change (VIEW-CHANGE and NEW-VIEW) every {@code viewEvery} (0: never).
     */
    static List<Durable> backupRun(int batches, int batchSize, int interval, int viewEvery) {
        List<Durable> out = new ArrayList<>();
        long v = 0;
        for (long n = 1; n <= batches; n++) {
            if (batchSize == 1) {
                out.add(accepted(v, n));
                out.add(prepared(v, n));
            } else {
                List<Signed<Message.Request>> batch = new ArrayList<>();
                for (int i = 0; i < batchSize; i++) {
                    batch.add(request(i, n, "op" + n + "." + i));
                }
                Signed<Message.PrePrepare> pp = sign(new Message.PrePrepare(v, n, digest(batch), batch, (int) (v % N)));
                out.add(new Durable.PrePrepareAccepted(pp));
                List<Signed<Message.Prepare>> prepares = new ArrayList<>();
                for (int r = 0; r < N && prepares.size() < 2; r++) {
                    if (r != pp.message().primary()) {
                        prepares.add(sign(new Message.Prepare(v, n, pp.message().d(), r)));
                    }
                }
                out.add(new Durable.PreparedCertificateHeld(new Message.PreparedCertificate(pp, prepares)));
            }
            if (n % interval == 0) {
                out.add(state(n));
                out.add(stable(n));
            }
            if (viewEvery > 0 && n % viewEvery == 0) {
                v++;
                long stableN = n - n % interval;
                out.add(viewChangeSent(v, stableN));
                out.add(newViewEntered(v, stableN));
            }
        }
        return out;
    }
}
