package org.bftref.impl.sim;

import java.util.ArrayList;
import java.util.List;

import org.bftref.impl.crypto.Signer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * What a Byzantine replica can do to messages without anyone else's key: break a signature, put its own
 * signature on a message that names someone else, or break a signature nested inside a message it signs.
 * Every result fails deep verification; that is its purpose.
 */
final class Forge {

    private Forge() {
    }

    /** The view a message belongs to, or -1 for messages outside views (requests, checkpoints, states). */
    static long viewOf(Message m) {
        if (m instanceof Message.PrePrepare pp) {
            return pp.v();
        } else if (m instanceof Message.Prepare p) {
            return p.v();
        } else if (m instanceof Message.Commit c) {
            return c.v();
        } else if (m instanceof Message.ViewChange vc) {
            return vc.v();
        } else if (m instanceof Message.NewView nv) {
            return nv.v();
        } else if (m instanceof Message.Reply r) {
            return r.v();
        } else if (m instanceof Message.Status s) {
            return s.v();
        }
        return -1;
    }

    /** The signature with one bit flipped (or one byte, if it was empty). */
    static Signature corrupted(Signature signature) {
        byte[] bytes = signature.bytes();
        if (bytes.length == 0) {
            return new Signature(new byte[] {1});
        }
        bytes[bytes.length / 2] ^= 0x01;
        return new Signature(bytes);
    }

    static <M extends Message> Signed<M> withCorruptedSignature(Signed<M> signed) {
        return new Signed<>(signed.message(), corrupted(signed.signature()));
    }

    /**
     * The request with replica {@code replica}'s entry of its authenticator broken, the other entries intact,
     * for an authenticator of n equal entries (the MAC scheme's): one bit of the byte at {@code replica * length / n},
     * the first of that entry. Under a signature scheme that byte lies somewhere in the one signature, which is
     * then broken for everyone.
     */
    static Signed<Message.Request> withBrokenEntry(Signed<Message.Request> request, int replica, int n) {
        byte[] bytes = request.signature().bytes();
        if (bytes.length == 0) {
            return new Signed<>(request.message(), new Signature(new byte[] {1}));
        }
        bytes[(int) ((long) replica * bytes.length / n)] ^= 0x01;
        return new Signed<>(request.message(), new Signature(bytes));
    }

    /**
     * The message re-attributed to replica {@code other}, carrying the signature the forger made over the
     * original: a claim to be someone else, which only that someone's key could back. Null for messages
     * whose signer is a client.
     */
    static Signed<? extends Message> foreign(Signed<? extends Message> signed, int other) {
        Message m = signed.message();
        Message claimed;
        if (m instanceof Message.PrePrepare pp) {
            claimed = new Message.PrePrepare(pp.v(), pp.n(), pp.d(), pp.batch(), other);
        } else if (m instanceof Message.Prepare p) {
            claimed = new Message.Prepare(p.v(), p.n(), p.d(), other);
        } else if (m instanceof Message.Commit c) {
            claimed = new Message.Commit(c.v(), c.n(), c.d(), other);
        } else if (m instanceof Message.Checkpoint c) {
            claimed = new Message.Checkpoint(c.n(), c.stateDigest(), other);
        } else if (m instanceof Message.ViewChange vc) {
            claimed = new Message.ViewChange(vc.v(), vc.stableN(), vc.checkpointProof(), vc.prepared(), other);
        } else if (m instanceof Message.NewView nv) {
            claimed = new Message.NewView(nv.v(), nv.viewChanges(), nv.prePrepares(), other);
        } else if (m instanceof Message.Reply r) {
            claimed = new Message.Reply(r.v(), r.timestamp(), r.client(), r.result(), other);
        } else if (m instanceof Message.Status s) {
            claimed = new Message.Status(s.v(), s.normal(), s.lastExecuted(), other);
        } else if (m instanceof Message.State st) {
            claimed = new Message.State(st.n(), st.snapshot(), st.replies(), st.stableN(), st.checkpointProof(), other);
        } else {
            return null; // a request: its signer is a client
        }
        return new Signed<>(claimed, signed.signature());
    }

    /**
     * The forger's own message, validly signed by it, with one signature inside it broken (a client's
     * request in a batch, a checkpoint or PREPARE in a VIEW-CHANGE, a VIEW-CHANGE in a NEW-VIEW, a reply in a
     * STATE). Null when the message holds no signed message, or is not the forger's own to re-sign (one it
     * forwards, such as another primary's NEW-VIEW).
     */
    static Signed<? extends Message> nestedCorrupted(Signed<? extends Message> signed, Signer own) {
        Message m = signed.message();
        if (!m.signer().equals(own.principal())) {
            return null;
        }
        if (m instanceof Message.PrePrepare pp && !pp.batch().isEmpty()) {
            // The batch digest covers the requests, not their signatures: the outer message stays consistent.
            List<Signed<Message.Request>> batch = new ArrayList<>(pp.batch());
            batch.set(0, withCorruptedSignature(batch.get(0)));
            return own.sign(new Message.PrePrepare(pp.v(), pp.n(), pp.d(), batch, pp.primary()));
        } else if (m instanceof Message.ViewChange vc && !vc.checkpointProof().isEmpty()) {
            List<Signed<Message.Checkpoint>> proof = new ArrayList<>(vc.checkpointProof());
            proof.set(0, withCorruptedSignature(proof.get(0)));
            return own.sign(new Message.ViewChange(vc.v(), vc.stableN(), proof, vc.prepared(), vc.r()));
        } else if (m instanceof Message.ViewChange vc && !vc.prepared().isEmpty()) {
            List<Message.PreparedCertificate> certs = new ArrayList<>(vc.prepared());
            Message.PreparedCertificate c = certs.get(0);
            certs.set(0, new Message.PreparedCertificate(withCorruptedSignature(c.prePrepare()), c.prepares()));
            return own.sign(new Message.ViewChange(vc.v(), vc.stableN(), vc.checkpointProof(), certs, vc.r()));
        } else if (m instanceof Message.NewView nv && !nv.viewChanges().isEmpty()) {
            List<Signed<Message.ViewChange>> v = new ArrayList<>(nv.viewChanges());
            v.set(0, withCorruptedSignature(v.get(0)));
            return own.sign(new Message.NewView(nv.v(), v, nv.prePrepares(), nv.primary()));
        } else if (m instanceof Message.State st && !st.replies().isEmpty()) {
            List<Signed<Message.Reply>> replies = new ArrayList<>(st.replies());
            replies.set(0, withCorruptedSignature(replies.get(0)));
            return own.sign(new Message.State(st.n(), st.snapshot(), replies, st.stableN(), st.checkpointProof(), st.r()));
        }
        return null;
    }
}
