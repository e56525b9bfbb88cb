package org.bftref.impl.message;

import java.util.List;

/**
 * Every PBFT message (Castro and Liskov, OSDI 1999, section 4), as an immutable record. Each names its
 * signer; a message travels and is stored only inside a {@link Signed} envelope, and a replica verifies the
 * signature, and every signature of every certificate inside, before its core sees the message.
 *
 * <p>Field names follow spec/pbft/PBFT.tla: {@code v} is the view, {@code n} the sequence number, {@code d}
 * the digest of the request batch.
 */
public sealed interface Message permits Message.Request, Message.PrePrepare, Message.Prepare, Message.Commit,
        Message.Checkpoint, Message.ViewChange, Message.NewView, Message.Reply, Message.Status, Message.State {

    /** Who must have signed it. */
    Principal signer();

    /**
     * A client's request for {@code operation}; {@code timestamp} orders one client's requests, so that a
     * replica executes each at most once (section 4.1).
     */
    record Request(int client, long timestamp, String operation) implements Message {
        public Request {
            requireNonNegative(client, "client");
            requireNonNegative(timestamp, "timestamp");
            if (operation == null) {
                throw new IllegalArgumentException("operation must not be null");
            }
        }

        public Principal signer() {
            return Principal.client(client);
        }
    }

    /**
     * The primary of view {@code v} assigns sequence number {@code n} to a batch of requests with digest
     * {@code d} (section 4.2). An empty batch is the null request a NEW-VIEW uses to fill a gap.
     */
    record PrePrepare(long v, long n, Digest d, List<Signed<Request>> batch, int primary) implements Message {
        public PrePrepare {
            requireNonNegative(v, "v");
            requirePositive(n, "n");
            requireNonNegative(primary, "primary");
            batch = List.copyOf(batch);
        }

        public Principal signer() {
            return Principal.replica(primary);
        }

        /** The null request of a NEW-VIEW (section 4.4): an empty batch, executed as a no-op. */
        public boolean isNull() {
            return batch.isEmpty();
        }
    }

    /** Backup {@code r} accepted the pre-prepare of (v, n, d) (section 4.2). */
    record Prepare(long v, long n, Digest d, int r) implements Message {
        public Prepare {
            requireNonNegative(v, "v");
            requirePositive(n, "n");
            requireNonNegative(r, "r");
        }

        public Principal signer() {
            return Principal.replica(r);
        }
    }

    /** Replica {@code r} holds a prepared certificate for (v, n, d) (section 4.2). */
    record Commit(long v, long n, Digest d, int r) implements Message {
        public Commit {
            requireNonNegative(v, "v");
            requirePositive(n, "n");
            requireNonNegative(r, "r");
        }

        public Principal signer() {
            return Principal.replica(r);
        }
    }

    /** Replica {@code r} executed up to {@code n}, reaching state digest {@code stateDigest} (section 4.3). */
    record Checkpoint(long n, Digest stateDigest, int r) implements Message {
        public Checkpoint {
            requireNonNegative(n, "n");
            requireNonNegative(r, "r");
        }

        public Principal signer() {
            return Principal.replica(r);
        }
    }

    /**
     * Replica {@code r} moves to view {@code v} (section 4.4). It carries the sequence number of its last
     * stable checkpoint with the 2f+1 CHECKPOINT messages that prove it, and its prepared certificates above
     * that checkpoint, one per sequence number (the one of the highest view).
     */
    record ViewChange(long v, long stableN, List<Signed<Checkpoint>> checkpointProof,
                      List<PreparedCertificate> prepared, int r) implements Message {
        public ViewChange {
            requireNonNegative(v, "v");
            requireNonNegative(stableN, "stableN");
            requireNonNegative(r, "r");
            checkpointProof = List.copyOf(checkpointProof);
            prepared = List.copyOf(prepared);
        }

        public Principal signer() {
            return Principal.replica(r);
        }
    }

    /**
     * The primary of view {@code v} starts it (section 4.4): V is the set of 2f+1 VIEW-CHANGE messages, O the
     * pre-prepares for the new view, which every backup recomputes from V.
     */
    record NewView(long v, List<Signed<ViewChange>> viewChanges, List<Signed<PrePrepare>> prePrepares, int primary)
            implements Message {
        public NewView {
            requireNonNegative(v, "v");
            requireNonNegative(primary, "primary");
            viewChanges = List.copyOf(viewChanges);
            prePrepares = List.copyOf(prePrepares);
        }

        public Principal signer() {
            return Principal.replica(primary);
        }
    }

    /** Replica {@code r}'s answer to a client's request; the client waits for f+1 matching ones (section 4.1). */
    record Reply(long v, long timestamp, int client, String result, int r) implements Message {
        public Reply {
            requireNonNegative(v, "v");
            requireNonNegative(timestamp, "timestamp");
            requireNonNegative(client, "client");
            requireNonNegative(r, "r");
            if (result == null) {
                throw new IllegalArgumentException("result must not be null");
            }
        }

        public Principal signer() {
            return Principal.replica(r);
        }
    }

    /**
     * Replica {@code r} is in view {@code v} (in normal status or changing view) and executed up to
     * {@code lastExecuted}. Multicast periodically and on restart, as in Castro's thesis ("Practical Byzantine
     * Fault Tolerance", MIT 2001, status messages): a peer that is ahead answers with what {@code r} lacks, so a
     * replica that lost messages or crashed catches up without anyone retransmitting blindly.
     */
    record Status(long v, boolean normal, long lastExecuted, int r) implements Message {
        public Status {
            requireNonNegative(v, "v");
            requireNonNegative(lastExecuted, "lastExecuted");
            requireNonNegative(r, "r");
        }

        public Principal signer() {
            return Principal.replica(r);
        }
    }

    /**
     * State transfer: replica {@code r}'s whole service state after executing 1..n, with its last reply to each
     * client, and the proof of its last stable checkpoint (stableN <= n). A replica adopts a state once f+1
     * distinct replicas sent the same (n, digest): one of them is honest, and an honest replica executes only
     * committed requests. The proof lets the receiver move its watermarks along.
     */
    record State(long n, byte[] snapshot, List<Signed<Reply>> replies, long stableN,
                 List<Signed<Checkpoint>> checkpointProof, int r) implements Message {
        public State {
            requirePositive(n, "n");
            requireNonNegative(stableN, "stableN");
            requireNonNegative(r, "r");
            snapshot = snapshot.clone();
            replies = List.copyOf(replies);
            checkpointProof = List.copyOf(checkpointProof);
        }

        @Override
        public byte[] snapshot() {
            return snapshot.clone();
        }

        public Principal signer() {
            return Principal.replica(r);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.n == n && s.r == r && java.util.Arrays.equals(s.snapshot, snapshot)
                    && s.replies.equals(replies) && s.stableN == stableN && s.checkpointProof.equals(checkpointProof);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(n, r, replies) * 31 + java.util.Arrays.hashCode(snapshot);
        }

        @Override
        public String toString() {
            return "State[n=" + n + ", snapshot=" + snapshot.length + " bytes, replies=" + replies.size()
                    + ", stableN=" + stableN + ", r=" + r + "]";
        }
    }

    /**
     * A prepared certificate (section 4.2): the primary's PRE-PREPARE for (v, n, d) and 2f PREPAREs matching it
     * from distinct backups. Carried in VIEW-CHANGE messages; receivers check every signature in it.
     */
    record PreparedCertificate(Signed<PrePrepare> prePrepare, List<Signed<Prepare>> prepares) {
        public PreparedCertificate {
            prepares = List.copyOf(prepares);
        }

        public long v() {
            return prePrepare.message().v();
        }

        public long n() {
            return prePrepare.message().n();
        }

        public Digest d() {
            return prePrepare.message().d();
        }
    }

    private static void requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0: " + value);
        }
    }

    private static void requirePositive(long value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1: " + value);
        }
    }
}
