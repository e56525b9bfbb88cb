package org.bftref.impl.core;

import org.bftref.impl.message.Digest;

/** The deterministic service being replicated. Every honest replica applies the same operations in order. */
public interface Service {

    /** Applies one client operation and returns its result. */
    String apply(int client, String operation);

    /** A digest of the whole state, for checkpoints: equal states, equal digests. */
    Digest stateDigest();
}
