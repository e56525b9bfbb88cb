package org.bftref.impl.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA256 key, made from {@link SignatureScheme#SECRET_BYTES} secret bytes. Both keyed schemes build on
 * it: {@link HmacSha256Scheme} (one secret per principal, the full 32-byte MAC as the signature) and
 * {@link MacAuthenticatorScheme} (a secret per client-replica pair, truncated tags). One class, so the two check
 * the secret the same way and set the key up the same way.
 *
 * <p>Thread-safe: each MAC is computed on a clone of a {@link Mac} initialised once, which saves the key set-up
 * per call (a Mac is stateful, and the prototype itself is never updated).
 */
final class HmacKey {

    static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Mac prototype;

    private HmacKey(SecretKeySpec key) {
        this.key = key;
        this.prototype = fresh(key);
    }

    /**
     * @param what names the secret in the error message ("a pairwise secret", say)
     * @throws IllegalArgumentException if the secret is not {@link SignatureScheme#SECRET_BYTES} long: a shorter
     *                                  one would silently weaken the key, and every secret here is derived at
     *                                  that length, so another length is a bug
     */
    static HmacKey of(byte[] secret, String what) {
        if (secret.length != SignatureScheme.SECRET_BYTES) {
            throw new IllegalArgumentException(what + " here is " + SignatureScheme.SECRET_BYTES + " bytes: "
                    + secret.length);
        }
        return new HmacKey(new SecretKeySpec(secret, ALGORITHM));
    }

    /** The full 32-byte HMAC-SHA256 of {@code data}. */
    byte[] mac(byte[] data) {
        return copy().doFinal(data);
    }

    private Mac copy() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return fresh(key); // a provider whose Mac cannot be cloned: slower, same result
        }
    }

    private static Mac fresh(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
