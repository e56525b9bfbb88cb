package org.bftref.impl.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.bftref.impl.message.Principal;

/**
 * The keys of n replicas and c clients, derived from one seed, so that a whole simulated run, signatures
 * included, is reproducible from its seed. Each principal's secret is SHA-256 over a label, the scheme's name,
 * the seed and the principal (kind and id): independent-looking secrets, different per scheme, replica i and
 * client i distinct.
 *
 * <p>The seed is not secret and the keys are therefore not secret either: this is for simulations and tests,
 * never for a deployment, which would generate keys from a real SecureRandom and distribute public keys only.
 *
 * <p>Hand each replica (honest or Byzantine) only {@link #signer} for itself and the shared {@link #verifier}.
 */
public final class KeyRing {

    private static final byte[] LABEL = "bftref key ring v1".getBytes(StandardCharsets.UTF_8);

    private final SignatureScheme scheme;
    private final int replicas;
    private final int clients;
    private final Map<Principal, Signer> signers;
    private final Verifier verifier;

    private KeyRing(SignatureScheme scheme, int replicas, int clients, Map<Principal, Signer> signers,
                    Verifier verifier) {
        this.scheme = scheme;
        this.replicas = replicas;
        this.clients = clients;
        this.signers = Map.copyOf(signers);
        this.verifier = verifier;
    }

    /** Keys for replicas 0 .. replicas-1 and clients 0 .. clients-1; the same arguments give the same keys. */
    public static KeyRing fromSeed(SignatureScheme scheme, long seed, int replicas, int clients) {
        Objects.requireNonNull(scheme, "scheme");
        if (replicas < 0 || clients < 0) {
            throw new IllegalArgumentException("replicas and clients must be >= 0: " + replicas + ", " + clients);
        }
        Map<Principal, Signer> signers = new HashMap<>();
        Map<Principal, SignatureScheme.VerifyingKey> verifying = new HashMap<>();
        for (int i = 0; i < replicas + clients; i++) {
            Principal p = i < replicas ? Principal.replica(i) : Principal.client(i - replicas);
            SignatureScheme.Keys keys = scheme.keys(secret(scheme, seed, p));
            signers.put(p, new Signer(p, keys.signingKey()));
            verifying.put(p, keys.verifyingKey());
        }
        return new KeyRing(scheme, replicas, clients, signers, new Verifier(verifying));
    }

    private static byte[] secret(SignatureScheme scheme, long seed, Principal p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(LABEL);
            out.writeUTF(scheme.name());
            out.writeLong(seed);
            out.writeByte(p instanceof Principal.Replica ? 'R' : 'C');
            out.writeInt(p.id());
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    public int replicas() {
        return replicas;
    }

    public int clients() {
        return clients;
    }

    /**
     * The principal's signer.
     *
     * @throws IllegalArgumentException if the principal has no key in this ring
     */
    public Signer signer(Principal principal) {
        Signer signer = signers.get(principal);
        if (signer == null) {
            throw new IllegalArgumentException("no key for " + principal + " in a ring of " + replicas
                    + " replicas and " + clients + " clients");
        }
        return signer;
    }

    /** Verifies signatures of every principal in the ring. */
    public Verifier verifier() {
        return verifier;
    }
}
