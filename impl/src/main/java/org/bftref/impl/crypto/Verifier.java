package org.bftref.impl.crypto;

import java.util.List;
import java.util.Map;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.NewView;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.PreparedCertificate;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * Every principal's verifying key. A signature is checked against the key of the signer the message itself
 * names ({@link Message#signer()}), so a message re-attributed to another principal fails. It exposes no key.
 * Immutable and thread-safe: one Verifier can serve every replica of a process.
 *
 * <p>Under {@link SignatureScheme#ED25519_MAC} a verifier belongs to one <em>viewer</em>
 * ({@link KeyRing#verifier(Principal)}): a replica checks only its own entry of a client's authenticator and
 * cannot check REPLY MACs; a client checks the MACs of replies addressed to it and cannot check requests.
 * Replica messages are Ed25519 for every viewer. Two rules differ from the signature schemes, both because a
 * viewer cannot check what was MAC'ed for others and both sound for the reasons given in
 * {@link MacAuthenticatorScheme}: requests inside prepared certificates and inside a NEW-VIEW's O are vouched for
 * by the certificate (2f+1 replica signatures over their digest, which the core checks against the batch), not by
 * the viewer's entry; and the replies inside a STATE are not checked, since the receiving core uses only their
 * contents, covered by a state digest that f+1 replicas must agree on, and re-signs them as its own.
 */
public final class Verifier {

    private final Map<Principal, SignatureScheme.VerifyingKey> keys;
    /** The viewer's pairwise keys under the MAC scheme; null for the signature schemes. */
    private final MacView macs;
    /** Signature checks already made, by message identity; null unless made by {@link #remembering}. */
    private final Memo memo;

    Verifier(Map<Principal, SignatureScheme.VerifyingKey> keys) {
        this(keys, null);
    }

    Verifier(Map<Principal, SignatureScheme.VerifyingKey> keys, MacView macs) {
        this(Map.copyOf(keys), macs, null);
    }

    private Verifier(Map<Principal, SignatureScheme.VerifyingKey> keys, MacView macs, Memo memo) {
        this.keys = keys;
        this.macs = macs;
        this.memo = memo;
    }

    /**
     * Outcomes of a check that depends only on the (immutable) checked object, remembered by its identity.
     * Verifiers of one {@link KeyRing} share one for their signature checks ({@link #remembering}): a signature
     * check depends only on the signed object and its signer's public key, the same for every viewer of a ring,
     * while MAC checks depend on the viewer and are never remembered there. The simulator also keeps one per
     * viewer for whole deep checks. Bounded: it forgets everything when full. Not thread-safe.
     */
    public static final class Memo {
        private final java.util.IdentityHashMap<Signed<?>, Boolean> outcomes = new java.util.IdentityHashMap<>();
        private final int capacity;

        public Memo(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("a memo holds at least one outcome: " + capacity);
            }
            this.capacity = capacity;
        }

        /** The remembered outcome for this object, or {@code check}'s, then remembered. */
        public boolean check(Signed<?> signed, java.util.function.Predicate<Signed<?>> check) {
            Boolean known = outcomes.get(signed);
            if (known == null) {
                known = check.test(signed);
                if (outcomes.size() >= capacity) {
                    outcomes.clear();
                }
                outcomes.put(signed, known);
            }
            return known;
        }
    }

    /**
     * This verifier, remembering its signature checks in {@code shared}. For a single-threaded caller that hands
     * one message object to many receivers, such as the simulator's broadcasts: under the MAC scheme a
     * PRE-PREPARE is checked per receiver (each checks its own authenticator entries), and without a shared
     * memo each of the n-1 receivers would check the same Ed25519 signature again. Give one memo only to the
     * verifiers of one ring.
     */
    public Verifier remembering(Memo shared) {
        return new Verifier(keys, macs, java.util.Objects.requireNonNull(shared, "shared"));
    }

    /**
     * What one viewer shares with its counterparts under the MAC scheme: a replica's keys with every client
     * (by client id) and the authenticator size, or a client's keys with every replica (by replica id).
     */
    record MacView(Principal viewer, int replicas, Map<Integer, MacAuthenticatorScheme.MacKey> shared) {
        MacView {
            shared = Map.copyOf(shared);
        }

        /** Entry {@code viewer} of the client's authenticator, at a replica. */
        boolean request(Request request, byte[] signingBytes, byte[] authenticator) {
            MacAuthenticatorScheme.MacKey key = shared.get(request.client());
            return viewer instanceof Principal.Replica
                    && key != null && authenticator.length == replicas * MacAuthenticatorScheme.TAG_BYTES
                    && key.matches(signingBytes, authenticator, viewer.id() * MacAuthenticatorScheme.TAG_BYTES);
        }

        /** The replica's MAC on a reply to this client. */
        boolean reply(Reply reply, byte[] signingBytes, byte[] tag) {
            MacAuthenticatorScheme.MacKey key = shared.get(reply.r());
            return viewer instanceof Principal.Client && reply.client() == viewer.id()
                    && key != null && tag.length == MacAuthenticatorScheme.TAG_BYTES
                    && key.matches(signingBytes, tag, 0);
        }
    }

    /**
     * Whether the envelope's signature is its named signer's over the message. False, not an exception, for a
     * signer with no key here (a replica id out of range, an unknown client) and for malformed signature bytes.
     * Signatures nested inside the message are not checked: see {@link #verifyDeep(Signed)}.
     */
    public boolean verify(Signed<?> signed) {
        if (macs != null && signed.message() instanceof Request request) {
            return macs.request(request, Codec.signingBytes(request), signed.signature().bytes());
        } else if (macs != null && signed.message() instanceof Reply reply) {
            return macs.reply(reply, Codec.signingBytes(reply), signed.signature().bytes());
        }
        return memo == null ? signatureVerified(signed) : memo.check(signed, this::signatureVerified);
    }

    private boolean signatureVerified(Signed<?> signed) {
        SignatureScheme.VerifyingKey key = keys.get(signed.signer());
        return key != null && key.verify(Codec.signingBytes(signed.message()), signed.signature());
    }

    /**
     * Whether {@link #verifyDeep} of this message gives the same answer at every viewer of the ring, so that a
     * caller may check it once for all receivers: always under the signature schemes; under the MAC scheme for
     * everything but requests, replies and PRE-PREPAREs with requests (whose entries are the viewer's own).
     */
    public boolean sameForEveryViewer(Signed<?> signed) {
        Message m = signed.message();
        return macs == null || !(m instanceof Request || m instanceof Reply
                || (m instanceof PrePrepare pp && !pp.batch().isEmpty()));
    }

    /**
     * {@link #verify} of the envelope and of every signed message inside it, at any depth: the requests of a
     * PRE-PREPARE's batch; the checkpoint proof and each prepared certificate of a VIEW-CHANGE; V and O of a
     * NEW-VIEW; the replies of a STATE. A replica calls this before its core sees a message, so the core can trust every certificate it
     * is handed (OSDI section 4.4 requires receivers to check the certificates in view-change messages).
     */
    public boolean verifyDeep(Signed<?> signed) {
        return verify(signed) && nestedVerified(signed.message());
    }

    /**
     * The certificate's PRE-PREPARE (deeply: its batch too, except under the MAC scheme, where the certificate
     * vouches for its requests) and each of its PREPAREs.
     */
    public boolean verifyDeep(PreparedCertificate certificate) {
        return (macs == null ? verifyDeep(certificate.prePrepare()) : verify(certificate.prePrepare()))
                && allVerified(certificate.prepares());
    }

    // Java 17 has no pattern matching in switch; every type is listed, so a new one fails here, not silently.
    private boolean nestedVerified(Message m) {
        if (m instanceof PrePrepare pp) {
            return allVerified(pp.batch());
        } else if (m instanceof ViewChange vc) {
            return allVerified(vc.checkpointProof()) && vc.prepared().stream().allMatch(this::verifyDeep);
        } else if (m instanceof NewView nv) {
            // O's batches are V's certificates' batches (the core recomputes O and compares): vouched for alike.
            return nv.viewChanges().stream().allMatch(this::verifyDeep)
                    && nv.prePrepares().stream().allMatch(macs == null ? this::verifyDeep : this::verify);
        } else if (m instanceof org.bftref.impl.message.Message.State st) {
            return (macs != null || allVerified(st.replies())) && allVerified(st.checkpointProof());
        } else if (m instanceof Request || m instanceof Prepare || m instanceof Commit || m instanceof Checkpoint
                || m instanceof Reply || m instanceof org.bftref.impl.message.Message.Status) {
            return true; // nothing signed inside
        }
        throw new AssertionError("a Message type the verifier does not know: " + m.getClass());
    }

    private boolean allVerified(List<? extends Signed<?>> list) {
        return list.stream().allMatch(this::verify);
    }
}
