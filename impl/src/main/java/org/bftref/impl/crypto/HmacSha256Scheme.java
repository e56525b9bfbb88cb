package org.bftref.impl.crypto;

import java.security.MessageDigest;

import org.bftref.impl.message.Signature;

/**
 * HMAC-SHA256 under one secret per principal, standing in for signatures in large simulations, where it is
 * orders of magnitude cheaper than Ed25519. It is not a signature scheme: verifying needs the signer's secret,
 * so this is sound only where the verifying side cannot be turned into a forger, as in a single-process
 * simulator whose Byzantine strategies get their own {@link Signer} and a {@link Verifier} (which never exposes
 * a key). See {@link SignatureScheme#HMAC_SHA256}.
 */
final class HmacSha256Scheme implements SignatureScheme {

    HmacSha256Scheme() {
    }

    @Override
    public String name() {
        return HmacKey.ALGORITHM;
    }

    @Override
    public Keys keys(byte[] secret) {
        HmacKey key = HmacKey.of(secret, "an HMAC-SHA256 secret");
        return new Keys(data -> new Signature(key.mac(data)),
                // Constant-time comparison: no timing leak, out of habit more than need in a simulator.
                (data, signature) -> MessageDigest.isEqual(key.mac(data), signature.bytes()));
    }
}
