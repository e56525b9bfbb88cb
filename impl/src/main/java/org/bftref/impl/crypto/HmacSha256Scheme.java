package org.bftref.impl.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bftref.impl.message.Signature;

/**
 * HMAC-SHA256 under one secret per principal, standing in for signatures in large simulations, where it is
 * orders of magnitude cheaper than Ed25519. It is not a signature scheme: verifying needs the signer's secret,
 * so this is sound only where the verifying side cannot be turned into a forger, as in a single-process
 * simulator whose Byzantine strategies get their own {@link Signer} and a {@link Verifier} (which never exposes
 * a key). See {@link SignatureScheme#HMAC_SHA256}.
 */
final class HmacSha256Scheme implements SignatureScheme {

    private static final String ALGORITHM = "HmacSHA256";

    HmacSha256Scheme() {
    }

    @Override
    public String name() {
        return ALGORITHM;
    }

    @Override
    public Keys keys(byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("an HMAC-SHA256 secret here is " + SECRET_BYTES + " bytes: " + secret.length);
        }
        SecretKeySpec key = new SecretKeySpec(secret, ALGORITHM);
        return new Keys(data -> new Signature(mac(key, data)),
                // Constant-time comparison: no timing leak, out of habit more than need in a simulator.
                (data, signature) -> MessageDigest.isEqual(mac(key, data), signature.bytes()));
    }

    // A Mac is stateful and not thread-safe, so each call takes a fresh one.
    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
