package org.bftref.impl.core;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/**
 * Signs what this replica sends. A pure function of the message and the replica's key (Ed25519 and the
 * keyed-hash scheme are both deterministic), so the core stays deterministic.
 */
@FunctionalInterface
public interface MessageSigner {
    <M extends Message> Signed<M> sign(M message);
}
