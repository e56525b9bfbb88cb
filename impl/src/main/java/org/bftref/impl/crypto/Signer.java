package org.bftref.impl.crypto;

import java.util.Objects;
import java.util.function.IntFunction;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * One principal's signing key. It signs only messages that name its principal as their signer: an honest
 * replica signing for another is a bug, and a Byzantine strategy holding this object can sign anything it
 * could send and nothing signed by others, which is exactly the fault model of the spec. Thread-safe.
 *
 * <p>{@code signer::sign} fits the core's {@code MessageSigner}.
 *
 * <p>Under {@link SignatureScheme#ED25519_MAC} a client's key makes an authenticator (one MAC per replica) and a
 * replica's REPLY is MAC'ed with the key it shares with the reply's client; everything else is signed as usual.
 */
public final class Signer {

    private final Principal principal;
    private final SignatureScheme.SigningKey key;
    /** Per client id, the key a REPLY to that client is MAC'ed with (null if none); null for other schemes. */
    private final IntFunction<SignatureScheme.SigningKey> replyKeys;

    Signer(Principal principal, SignatureScheme.SigningKey key) {
        this(principal, key, null);
    }

    Signer(Principal principal, SignatureScheme.SigningKey key, IntFunction<SignatureScheme.SigningKey> replyKeys) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.key = Objects.requireNonNull(key, "key");
        this.replyKeys = replyKeys;
    }

    public Principal principal() {
        return principal;
    }

    /**
     * Signs the message's canonical encoding ({@link Codec#signingBytes}).
     *
     * @throws IllegalArgumentException if the message names another signer, or is a REPLY to a client this
     *                                  replica shares no key with (MAC scheme only)
     */
    public <M extends Message> Signed<M> sign(M message) {
        if (!message.signer().equals(principal)) {
            throw new IllegalArgumentException(principal + " cannot sign a message whose signer is " + message.signer());
        }
        SignatureScheme.SigningKey with = key;
        if (replyKeys != null && message instanceof Reply reply) {
            with = replyKeys.apply(reply.client());
            if (with == null) {
                throw new IllegalArgumentException(principal + " shares no key with client " + reply.client());
            }
        }
        return new Signed<>(message, with.sign(Codec.signingBytes(message)));
    }

    @Override
    public String toString() {
        return "Signer[" + principal + "]";
    }
}
