package org.bftref.impl.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

import org.bftref.impl.message.Signature;

/**
 * Ed25519 from the JDK's SunEC provider.
 *
 * <p>Deterministic keys: an RFC 8032 private key is just 32 random bytes, so the secret is used as the private
 * key itself. JDK 17 has no public API that computes an Ed25519 public key from a private one except the key
 * pair generator, which draws the 32 private-key bytes from the SecureRandom it is given; so the generator gets
 * a SecureRandom that hands out the secret once, and the result is checked to be that secret. (A seeded
 * SHA1PRNG would also be deterministic, but its keys would depend on how many bytes the generator draws and on
 * SHA1PRNG's algorithm; this way the key is the RFC's, portable to any Ed25519 implementation, and a change in
 * the JDK's generator fails loudly instead of changing keys.)
 */
final class Ed25519Scheme implements SignatureScheme {

    private static final String ALGORITHM = "Ed25519";
    private static final int SIGNATURE_BYTES = 64;

    Ed25519Scheme() {
    }

    @Override
    public String name() {
        return ALGORITHM;
    }

    @Override
    public Keys keys(byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("an Ed25519 private key is " + SECRET_BYTES + " bytes: " + secret.length);
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new OneShotRandom(secret));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has Ed25519", e);
        }
        byte[] privateBytes = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        if (!Arrays.equals(privateBytes, secret)) {
            throw new IllegalStateException("the JDK's Ed25519 generator no longer takes the private key as the "
                    + "first 32 random bytes; keys would not be the RFC 8032 keys of the secret");
        }
        PrivateKey privateKey = pair.getPrivate();
        PublicKey publicKey = pair.getPublic();
        return new Keys(data -> sign(privateKey, data), (data, signature) -> verify(publicKey, data, signature));
    }

    // A JCA Signature object is stateful and not thread-safe, so each call takes a fresh one.
    private static Signature sign(PrivateKey key, byte[] data) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(data);
            return new Signature(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing with a valid key cannot fail", e);
        }
    }

    private static boolean verify(PublicKey key, byte[] data, Signature signature) {
        byte[] bytes = signature.bytes();
        // JDK 17's verifier reads S from all bytes after R, so a 64-byte signature followed by zero bytes
        // verifies too. Accept only the RFC 8032 length: one message, one valid signature encoding.
        if (bytes.length != SIGNATURE_BYTES) {
            return false;
        }
        java.security.Signature s;
        try {
            s = java.security.Signature.getInstance(ALGORITHM);
            s.initVerify(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has Ed25519", e);
        }
        try {
            s.update(data);
            return s.verify(bytes);
        } catch (SignatureException e) {
            return false; // a malformed signature (wrong length, bad encoding) is just a bad signature
        }
    }

    /** Gives the secret as the first and only random bytes asked of it. */
    private static final class OneShotRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private byte[] secret;

        OneShotRandom(byte[] secret) {
            this.secret = secret.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (secret == null || bytes.length != secret.length) {
                throw new IllegalStateException("the Ed25519 generator asked for other random bytes than the "
                        + SECRET_BYTES + "-byte private key");
            }
            System.arraycopy(secret, 0, bytes, 0, bytes.length);
            secret = null;
        }
    }
}
