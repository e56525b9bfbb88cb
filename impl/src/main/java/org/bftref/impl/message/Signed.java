package org.bftref.impl.message;

/**
 * A message with its signer's signature. The signature covers the message's canonical encoding
 * (org.bftref.impl.crypto); checking it is the receiver's job, before the core sees the message.
 */
public record Signed<M extends Message>(M message, Signature signature) {

    public Signed {
        if (message == null || signature == null) {
            throw new IllegalArgumentException("a signed message needs a message and a signature");
        }
    }

    public Principal signer() {
        return message.signer();
    }
}
