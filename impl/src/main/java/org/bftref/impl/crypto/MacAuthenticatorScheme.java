package org.bftref.impl.crypto;

import java.security.MessageDigest;

/**
 * PBFT's own split of the cryptography (Castro and Liskov, OSDI 1999 section 5; TOCS 2002): clients and
 * replicas share pairwise secret keys, a client's request carries an <em>authenticator</em> (one MAC per
 * replica) and a replica's reply one MAC for its client; every replica-to-replica message (PRE-PREPARE,
 * PREPARE, COMMIT, CHECKPOINT, VIEW-CHANGE, NEW-VIEW, STATUS, STATE) keeps its Ed25519 signature, so that
 * certificates stay transferable: a VIEW-CHANGE's prepared certificate convinces whoever reads it, as the spec
 * assumes. It removes from the per-request cost the client's signature, n checks of it and n reply signatures
 * with their checks, which is most of it when batches are large; what is left is per batch.
 *
 * <p><b>Why one entry per replica is enough.</b> Replica i checks only entry i of an authenticator, computed
 * with the key only client c and replica i know. A faulty primary holds the keys it shares with each client,
 * not the keys those clients share with the other replicas, so it can make no request that an honest backup
 * accepts in the client's name: it can put in a PRE-PREPARE only requests the client really sent (or junk that
 * the backup drops). Validity at honest replicas therefore rests on each honest replica's own check, which
 * needs no one else's key. What is lost against signatures is transferability: a backup cannot show anyone
 * else that a request is genuine, and it cannot check the entries of others.
 *
 * <p><b>A faulty client</b> may send an authenticator that is valid at some replicas only. A backup whose entry
 * fails drops the whole PRE-PREPARE (counted as a bad signature), so that sequence number may not prepare and
 * execution stops behind it until the backups' timers replace the primary: a view change, never a safety
 * violation, since nothing prepares without 2f+1 replicas accepting the PRE-PREPARE. PBFT's backups likewise
 * accept a pre-prepare only for requests they can authenticate, so the same faulty client costs PBFT a view
 * change; Clement et al. ("Making Byzantine Fault Tolerant Systems Tolerate Byzantine Faults", NSDI 2009) show
 * that a client can repeat this to keep a PBFT deployment changing views, and make clients sign requests.
 *
 * <p><b>Requests inside certificates</b> are not checked against the reader's entry (see {@link Verifier}): a
 * prepared certificate is the primary's PRE-PREPARE and 2f PREPAREs, 2f+1 Ed25519 signatures of which at least
 * f+1 are honest replicas', and an honest replica prepares only a batch whose requests it authenticated itself
 * (or took from a NEW-VIEW's O, which is a certificate's batch again); the PREPAREs sign the batch digest, which
 * covers every request's contents, and the core checks that digest against the batch. Checking the reader's
 * own entry there instead would let one faulty client stop the system for good: a request valid at the primary
 * and two backups prepares at those three (n = 4); if the primary then fails, the fourth replica, whose entry
 * is bad, would drop every NEW-VIEW that carries the request, and the two others cannot make progress without it.
 *
 * <p>Tags are HMAC-SHA256 truncated to {@value #TAG_BYTES} bytes (as RFC 4868's HMAC-SHA-256-128): an
 * authenticator for n replicas is {@code n * TAG_BYTES} bytes, entry i at offset {@code i * TAG_BYTES}.
 * Keys are derived from the ring's seed by {@link KeyRing}, so, as with the other schemes, this is for
 * simulation and benchmarks, not a deployment (which would agree on session keys, as PBFT does).
 */
final class MacAuthenticatorScheme implements SignatureScheme {

    /** Bytes of one MAC: 128 bits leave a forger a 2^-128 chance per try. */
    static final int TAG_BYTES = 16;

    MacAuthenticatorScheme() {
    }

    @Override
    public String name() {
        return "Ed25519+MAC";
    }

    /** A replica's Ed25519 keys: what signs and verifies its messages to other replicas. */
    @Override
    public Keys keys(byte[] secret) {
        return SignatureScheme.ED25519.keys(secret);
    }

    /** The key one client shares with one replica. */
    static MacKey macKey(byte[] secret) {
        return new MacKey(HmacKey.of(secret, "a pairwise secret"));
    }

    /** One pairwise key, whose tags are its HMACs truncated to {@value #TAG_BYTES} bytes. Thread-safe. */
    static final class MacKey {
        private final HmacKey key;

        private MacKey(HmacKey key) {
            this.key = key;
        }

        /** The truncated tag of {@code data}. */
        byte[] tag(byte[] data) {
            byte[] full = key.mac(data);
            byte[] tag = new byte[TAG_BYTES];
            System.arraycopy(full, 0, tag, 0, TAG_BYTES);
            return tag;
        }

        /** Whether {@code bytes[offset .. offset+TAG_BYTES)} is the tag of {@code data}; the caller checks the bounds. */
        boolean matches(byte[] data, byte[] bytes, int offset) {
            byte[] claimed = new byte[TAG_BYTES];
            System.arraycopy(bytes, offset, claimed, 0, TAG_BYTES);
            // Constant-time comparison, as for the keyed-hash scheme: out of habit more than need here.
            return MessageDigest.isEqual(tag(data), claimed);
        }
    }
}
