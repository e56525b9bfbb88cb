package org.bftref.impl.core;

import org.bftref.impl.message.Digest;

/** The deterministic service being replicated. Every honest replica applies the same operations in order. */
public interface Service {

    /** Applies one client operation and returns its result. */
    String apply(int client, String operation);

    /**
     * The whole state as bytes: equal states give equal bytes. Checkpoints digest it; a stable checkpoint keeps
     * it for recovery and state transfer (section 4.3).
     */
    byte[] snapshot();

    /** Replaces the whole state by one that {@link #snapshot} produced. */
    void restore(byte[] snapshot);

    /** A digest of the whole state: equal states, equal digests. */
    default Digest stateDigest() {
        return Digest.of(snapshot());
    }
}
