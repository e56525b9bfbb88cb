package org.bftref.impl.crypto;

import java.util.List;
import java.util.Locale;

import org.bftref.impl.message.Signature;

/**
 * A way to sign and verify bytes, with keys derived deterministically from a secret so that a simulation is
 * reproducible from one seed ({@link KeyRing}). All schemes are deterministic signers too: the same key and
 * bytes give the same signature, which keeps the replica core's output a function of its input.
 *
 * <p>Most code uses {@link Signer} and {@link Verifier}, which sign and verify messages; this interface is the
 * layer below them, over bytes.
 */
public sealed interface SignatureScheme permits Ed25519Scheme, HmacSha256Scheme, MacAuthenticatorScheme {

    /** Ed25519 (RFC 8032) from the JDK: public-key signatures, as a deployment would use. */
    SignatureScheme ED25519 = new Ed25519Scheme();

    /**
     * HMAC-SHA256 with one secret per principal: fast, for large simulations. Not a public-key signature: the
     * key that verifies is the key that signs, so whoever holds a {@link Verifier} could in principle forge for
     * anyone. That is acceptable only inside one process whose Byzantine strategies are handed nothing but their
     * own {@link Signer} and a Verifier, which exposes no keys.
     */
    SignatureScheme HMAC_SHA256 = new HmacSha256Scheme();

    /**
     * PBFT's split: Ed25519 for every message between replicas, MAC authenticators (one HMAC per replica, with
     * keys each client shares with each replica) on client requests, and one MAC on each reply. Verification
     * then depends on who verifies: use {@link KeyRing#verifier(org.bftref.impl.message.Principal)}. See
     * {@link MacAuthenticatorScheme} for why this is safe and what a faulty client can still do.
     */
    SignatureScheme ED25519_MAC = new MacAuthenticatorScheme();

    /**
     * The names that choose a scheme in options ({@code --scheme}) and scenario files, in the order help texts
     * list them: "hmac", "ed25519", "ed25519-mac". One list and one mapping ({@link #named}), so the simulator,
     * its scenario files and {@code bftref run} cannot come to disagree about what a name means.
     */
    List<String> NAMES = List.of("hmac", "ed25519", "ed25519-mac");

    /**
     * The scheme {@code name} names exactly (one of {@link #NAMES}), or null. Scenario files use this: a file is
     * a format, so it holds the one canonical spelling, and a scenario written out reads back the same.
     */
    static SignatureScheme named(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "hmac":
                return HMAC_SHA256;
            case "ed25519":
                return ED25519;
            case "ed25519-mac":
                return ED25519_MAC;
            default:
                return null;
        }
    }

    /**
     * As {@link #named}, but forgiving of how a person types an option: any case, and HMAC also by its
     * algorithm's names ("hmac-sha256", "hmacsha256"), as {@code bftref run --scheme} has always accepted.
     */
    static SignatureScheme namedLoosely(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("hmac-sha256") || lower.equals("hmacsha256")) {
            return HMAC_SHA256;
        }
        return named(lower);
    }

    /** The length of the secret {@link #keys} takes. */
    int SECRET_BYTES = 32;

    String name();

    /** One principal's keys from {@link #SECRET_BYTES} secret bytes; the same secret gives the same keys. */
    Keys keys(byte[] secret);

    /** Signs bytes with one principal's private key (or secret). Thread-safe. */
    @FunctionalInterface
    interface SigningKey {
        Signature sign(byte[] data);
    }

    /** Checks a signature over bytes against one principal's public key (or secret). Thread-safe; never throws on a malformed signature. */
    @FunctionalInterface
    interface VerifyingKey {
        boolean verify(byte[] data, Signature signature);
    }

    record Keys(SigningKey signingKey, VerifyingKey verifyingKey) {
        public Keys {
            if (signingKey == null || verifyingKey == null) {
                throw new IllegalArgumentException("keys need a signing and a verifying key");
            }
        }
    }
}
