package org.bftref.impl.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signature;

/**
 * The keys of n replicas and c clients, derived from one seed, so that a whole simulated run, signatures
 * included, is reproducible from its seed. Each principal's secret is SHA-256 over a label, the scheme's name,
 * the seed and the principal (kind and id): independent-looking secrets, different per scheme, replica i and
 * client i distinct.
 *
 * <p>The seed is not secret and the keys are therefore not secret either: this is for simulations and tests,
 * never for a deployment, which would generate keys from a real SecureRandom and distribute public keys only.
 *
 * <p>Hand each replica (honest or Byzantine) only {@link #signer} for itself and {@link #verifier(Principal)}
 * for itself.
 *
 * <p>Under {@link SignatureScheme#ED25519_MAC} each client also shares a key with each replica, derived the
 * same way from the seed, the client and the replica; clients have no Ed25519 key there, since they sign
 * nothing (their requests carry authenticators).
 */
public final class KeyRing {

    private static final byte[] LABEL = "bftref key ring v1".getBytes(StandardCharsets.UTF_8);

    private final SignatureScheme scheme;
    private final int replicas;
    private final int clients;
    private final Map<Principal, Signer> signers;
    /** The verifier every principal shares; null under the MAC scheme, where each has its own. */
    private final Verifier verifier;
    /** Per principal, its own verifier under the MAC scheme; empty otherwise. */
    private final Map<Principal, Verifier> viewers;

    private KeyRing(SignatureScheme scheme, int replicas, int clients, Map<Principal, Signer> signers,
                    Verifier verifier, Map<Principal, Verifier> viewers) {
        this.scheme = scheme;
        this.replicas = replicas;
        this.clients = clients;
        this.signers = Map.copyOf(signers);
        this.verifier = verifier;
        this.viewers = Map.copyOf(viewers);
    }

    /** Keys for replicas 0 .. replicas-1 and clients 0 .. clients-1; the same arguments give the same keys. */
    public static KeyRing fromSeed(SignatureScheme scheme, long seed, int replicas, int clients) {
        Objects.requireNonNull(scheme, "scheme");
        if (replicas < 0 || clients < 0) {
            throw new IllegalArgumentException("replicas and clients must be >= 0: " + replicas + ", " + clients);
        }
        if (scheme instanceof MacAuthenticatorScheme) {
            return withAuthenticators(scheme, seed, replicas, clients);
        }
        Map<Principal, Signer> signers = new HashMap<>();
        Map<Principal, SignatureScheme.VerifyingKey> verifying = new HashMap<>();
        for (int i = 0; i < replicas + clients; i++) {
            Principal p = i < replicas ? Principal.replica(i) : Principal.client(i - replicas);
            SignatureScheme.Keys keys = scheme.keys(secret(scheme, seed, p));
            signers.put(p, new Signer(p, keys.signingKey()));
            verifying.put(p, keys.verifyingKey());
        }
        return new KeyRing(scheme, replicas, clients, signers, new Verifier(verifying), Map.of());
    }

    /**
     * Replicas: Ed25519 keys, and a MAC key per client for replies. Clients: an authenticator of one MAC per
     * replica. Verifiers: one per principal, holding that principal's pairwise keys and every replica's public key.
     */
    private static KeyRing withAuthenticators(SignatureScheme scheme, long seed, int replicas, int clients) {
        MacAuthenticatorScheme.MacKey[][] shared = new MacAuthenticatorScheme.MacKey[clients][replicas];
        for (int c = 0; c < clients; c++) {
            for (int r = 0; r < replicas; r++) {
                shared[c][r] = MacAuthenticatorScheme.macKey(pairSecret(scheme, seed, c, r));
            }
        }
        Map<Principal, Signer> signers = new HashMap<>();
        Map<Principal, SignatureScheme.VerifyingKey> verifying = new HashMap<>();
        for (int r = 0; r < replicas; r++) {
            Principal p = Principal.replica(r);
            SignatureScheme.Keys keys = scheme.keys(secret(scheme, seed, p));
            int replica = r;
            signers.put(p, new Signer(p, keys.signingKey(), client -> client < 0 || client >= clients ? null
                    : data -> new Signature(shared[client][replica].tag(data))));
            verifying.put(p, keys.verifyingKey());
        }
        Map<Principal, Verifier> viewers = new HashMap<>();
        for (int c = 0; c < clients; c++) {
            MacAuthenticatorScheme.MacKey[] row = shared[c];
            signers.put(Principal.client(c), new Signer(Principal.client(c), data -> {
                byte[] authenticator = new byte[replicas * MacAuthenticatorScheme.TAG_BYTES];
                for (int r = 0; r < replicas; r++) {
                    System.arraycopy(row[r].tag(data), 0, authenticator, r * MacAuthenticatorScheme.TAG_BYTES,
                            MacAuthenticatorScheme.TAG_BYTES);
                }
                return new Signature(authenticator);
            }));
            Map<Integer, MacAuthenticatorScheme.MacKey> byReplica = new HashMap<>();
            for (int r = 0; r < replicas; r++) {
                byReplica.put(r, row[r]);
            }
            viewers.put(Principal.client(c), new Verifier(verifying,
                    new Verifier.MacView(Principal.client(c), replicas, byReplica)));
        }
        for (int r = 0; r < replicas; r++) {
            Map<Integer, MacAuthenticatorScheme.MacKey> byClient = new HashMap<>();
            for (int c = 0; c < clients; c++) {
                byClient.put(c, shared[c][r]);
            }
            viewers.put(Principal.replica(r), new Verifier(verifying,
                    new Verifier.MacView(Principal.replica(r), replicas, byClient)));
        }
        return new KeyRing(scheme, replicas, clients, signers, null, viewers);
    }

    private static byte[] secret(SignatureScheme scheme, long seed, Principal p) {
        return derive(scheme, seed, p instanceof Principal.Replica ? 'R' : 'C', p.id(), 0);
    }

    /** The key client c shares with replica r: its own kind byte, so it is no principal's secret. */
    private static byte[] pairSecret(SignatureScheme scheme, long seed, int client, int replica) {
        return derive(scheme, seed, 'P', client, replica);
    }

    private static byte[] derive(SignatureScheme scheme, long seed, char kind, int id, int other) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(LABEL);
            out.writeUTF(scheme.name());
            out.writeLong(seed);
            out.writeByte(kind);
            out.writeInt(id);
            if (kind == 'P') {
                out.writeInt(other); // principals' secrets keep their v1 layout, hence their keys
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return org.bftref.impl.message.Digest.sha256().digest(bytes.toByteArray());
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

    /**
     * Verifies signatures of every principal in the ring.
     *
     * @throws IllegalStateException under {@link SignatureScheme#ED25519_MAC}, where what verifies depends on who
     *                               verifies: use {@link #verifier(Principal)}
     */
    public Verifier verifier() {
        if (verifier == null) {
            throw new IllegalStateException(scheme.name() + " verifies per receiver: use verifier(viewer)");
        }
        return verifier;
    }

    /**
     * The verifier of what {@code viewer} receives. Under the signature schemes that is {@link #verifier()}
     * itself, the same object for everyone; under {@link SignatureScheme#ED25519_MAC} the viewer's own, which
     * checks the authenticator entries and reply MACs meant for it.
     *
     * @throws IllegalArgumentException under the MAC scheme, if the viewer has no keys in this ring
     */
    public Verifier verifier(Principal viewer) {
        Objects.requireNonNull(viewer, "viewer");
        if (verifier != null) {
            return verifier;
        }
        Verifier own = viewers.get(viewer);
        if (own == null) {
            throw new IllegalArgumentException("no keys for " + viewer + " in a ring of " + replicas
                    + " replicas and " + clients + " clients");
        }
        return own;
    }
}
