package org.bftref.impl.core;

import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/**
 * What a replica must remember across a crash, written through {@link Effect.Persist} before the messages it
 * protects are sent. The rule behind it (OSDI 1999, section 4.2, and Castro's thesis on recovery): a replica
 * must never sign two conflicting messages for one view and sequence number, so before it sends a vote it
 * records what the vote commits it to; and it must still be able to prove its prepared certificates in a later
 * VIEW-CHANGE, so it records the certificate, not only its own COMMIT.
 *
 * <p>A restarted replica replays these records in order ({@link Replica#recover}). Everything else (PREPAREs and
 * COMMITs of others, pending requests, checkpoint votes) is volatile: peers and state transfer provide it again.
 */
public sealed interface Durable permits Durable.PrePrepareAccepted, Durable.PreparedCertificateHeld,
        Durable.ViewChangeSent, Durable.NewViewEntered, Durable.StableState, Durable.CheckpointStable {

    /**
     * The primary sent, or a backup accepted, this PRE-PREPARE: no other digest for its (v, n) from now on.
     * Written before the PRE-PREPARE (primary) or the PREPARE (backup) leaves.
     */
    record PrePrepareAccepted(Signed<Message.PrePrepare> prePrepare) implements Durable {
    }

    /** The replica became prepared with this certificate and sends its COMMIT; written before the COMMIT. */
    record PreparedCertificateHeld(Message.PreparedCertificate certificate) implements Durable {
    }

    /** The replica left its view for {@code viewChange.v()}; written before the VIEW-CHANGE leaves. */
    record ViewChangeSent(Signed<Message.ViewChange> viewChange) implements Durable {
    }

    /** The replica entered the view of this NEW-VIEW (its own, if it is the new primary); written before it acts in it. */
    record NewViewEntered(Signed<Message.NewView> newView) implements Durable {
    }

    /**
     * The service state after executing 1..n, with the last reply to each client: taken at a checkpoint, or
     * adopted by state transfer. A restarted replica restores it instead of executing 1..n again.
     */
    record StableState(long n, byte[] snapshot, List<Signed<Message.Reply>> replies) implements Durable {
        public StableState {
            snapshot = snapshot.clone();
            replies = List.copyOf(replies);
        }

        @Override
        public byte[] snapshot() {
            return snapshot.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StableState s && s.n == n && java.util.Arrays.equals(s.snapshot, snapshot)
                    && s.replies.equals(replies);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(n) * 31 + java.util.Arrays.hashCode(snapshot);
        }

        /**
         * What a CHECKPOINT for this state carries: a digest over the snapshot and the reply table (client,
         * timestamp, result; not who signed the replies), so that replicas with equal states agree on it.
         */
        public org.bftref.impl.message.Digest digest() {
            // Streamed into the hash rather than collected first: the snapshot of a long run is large, and a
            // copy of it per checkpoint was most of a checkpoint's cost.
            java.security.MessageDigest sha = org.bftref.impl.message.Digest.sha256();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                    new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha), 8192))) {
                out.writeLong(n);
                out.writeInt(snapshot.length);
                out.write(snapshot);
                out.writeInt(replies.size());
                for (Signed<Message.Reply> r : replies) {
                    out.writeInt(r.message().client());
                    out.writeLong(r.message().timestamp());
                    byte[] result = r.message().result().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(result.length);
                    out.write(result);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("hashing into a null stream does not fail", e);
            }
            return org.bftref.impl.message.Digest.fromBytes(sha.digest());
        }
    }

    /**
     * 2f+1 replicas signed a CHECKPOINT for (n, stateDigest): the checkpoint is stable, the low watermark moves
     * to n, and this proof goes into the replica's later VIEW-CHANGE messages. Records about sequence numbers at
     * or below n are no longer needed.
     */
    record CheckpointStable(long n, org.bftref.impl.message.Digest stateDigest,
                            List<Signed<Message.Checkpoint>> proof) implements Durable {
        public CheckpointStable {
            proof = List.copyOf(proof);
        }
    }
}
