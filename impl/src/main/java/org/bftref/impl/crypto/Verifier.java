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
 */
public final class Verifier {

    private final Map<Principal, SignatureScheme.VerifyingKey> keys;

    Verifier(Map<Principal, SignatureScheme.VerifyingKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /**
     * Whether the envelope's signature is its named signer's over the message. False, not an exception, for a
     * signer with no key here (a replica id out of range, an unknown client) and for malformed signature bytes.
     * Signatures nested inside the message are not checked: see {@link #verifyDeep(Signed)}.
     */
    public boolean verify(Signed<?> signed) {
        SignatureScheme.VerifyingKey key = keys.get(signed.signer());
        return key != null && key.verify(Codec.signingBytes(signed.message()), signed.signature());
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

    /** The certificate's PRE-PREPARE (deeply: its batch too) and each of its PREPAREs. */
    public boolean verifyDeep(PreparedCertificate certificate) {
        return verifyDeep(certificate.prePrepare()) && allVerified(certificate.prepares());
    }

    // Java 17 has no pattern matching in switch; every type is listed, so a new one fails here, not silently.
    private boolean nestedVerified(Message m) {
        if (m instanceof PrePrepare pp) {
            return allVerified(pp.batch());
        } else if (m instanceof ViewChange vc) {
            return allVerified(vc.checkpointProof()) && vc.prepared().stream().allMatch(this::verifyDeep);
        } else if (m instanceof NewView nv) {
            return nv.viewChanges().stream().allMatch(this::verifyDeep)
                    && nv.prePrepares().stream().allMatch(this::verifyDeep);
        } else if (m instanceof org.bftref.impl.message.Message.State st) {
            return allVerified(st.replies()) && allVerified(st.checkpointProof());
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
