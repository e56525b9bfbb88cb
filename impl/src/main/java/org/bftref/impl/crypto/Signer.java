package org.bftref.impl.crypto;

import java.util.Objects;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * One principal's signing key. It signs only messages that name its principal as their signer: an honest
 * replica signing for another is a bug, and a Byzantine strategy holding this object can sign anything it
 * could send and nothing signed by others, which is exactly the fault model of the spec. Thread-safe.
 *
 * <p>{@code signer::sign} fits the core's {@code MessageSigner}.
 */
public final class Signer {

    private final Principal principal;
    private final SignatureScheme.SigningKey key;

    Signer(Principal principal, SignatureScheme.SigningKey key) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.key = Objects.requireNonNull(key, "key");
    }

    public Principal principal() {
        return principal;
    }

    /**
     * Signs the message's canonical encoding ({@link Codec#signingBytes}).
     *
     * @throws IllegalArgumentException if the message names another signer
     */
    public <M extends Message> Signed<M> sign(M message) {
        if (!message.signer().equals(principal)) {
            throw new IllegalArgumentException(principal + " cannot sign a message whose signer is " + message.signer());
        }
        return new Signed<>(message, key.sign(Codec.signingBytes(message)));
    }

    @Override
    public String toString() {
        return "Signer[" + principal + "]";
    }
}
