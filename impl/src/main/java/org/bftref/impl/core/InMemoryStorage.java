package org.bftref.impl.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Storage that survives a simulated crash (the simulator keeps it while it throws the replica away). It keeps
 * memory bounded the way a log with checkpoints does: a {@link Durable.CheckpointStable} at n makes every
 * earlier record about sequence numbers at or below n obsolete; only the latest state and the latest view
 * record are kept.
 */
public final class InMemoryStorage implements Storage {

    private final List<Durable> records = new ArrayList<>();

    @Override
    public synchronized void append(Durable record) {
        if (record instanceof Durable.StableState) {
            records.removeIf(r -> r instanceof Durable.StableState); // states only move forward
        } else if (record instanceof Durable.CheckpointStable s) {
            records.removeIf(r -> r instanceof Durable.CheckpointStable
                    || (r instanceof Durable.PrePrepareAccepted p && p.prePrepare().message().n() <= s.n())
                    || (r instanceof Durable.PreparedCertificateHeld c && c.certificate().n() <= s.n()));
        } else if (record instanceof Durable.ViewChangeSent || record instanceof Durable.NewViewEntered) {
            // Only the latest view matters; the certificates the replica holds live in their own records.
            records.removeIf(r -> r instanceof Durable.ViewChangeSent || r instanceof Durable.NewViewEntered);
        }
        records.add(record);
    }

    @Override
    public synchronized List<Durable> records() {
        return List.copyOf(records);
    }

    public synchronized int size() {
        return records.size();
    }
}
