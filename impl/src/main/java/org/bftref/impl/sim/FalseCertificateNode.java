package org.bftref.impl.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.PreparedCertificate;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#FALSE_CERTIFICATE}: its VIEW-CHANGEs claim what it cannot prove, every signature in them
 * valid: a prepared certificate whose PREPAREs are all its own (one signer, repeated), a certificate with a
 * single PREPARE, a PRE-PREPARE it signed itself for a request nobody ordered, or a stable checkpoint backed
 * by its own CHECKPOINT alone. By choice it replaces the core's VIEW-CHANGE (0 keeps it) and, now and then,
 * sends such a VIEW-CHANGE for the next view unprompted. Receivers must check certificates, not just
 * signatures (section 4.4).
 */
final class FalseCertificateNode extends Deviant {

    private static final int UNPROMPTED_MAX = 3;

    /** Real PRE-PREPAREs it saw, validly signed by their primaries: material for a fabricated certificate. */
    private final Deque<Signed<PrePrepare>> prePrepares = new ArrayDeque<>();
    private int unprompted;

    FalseCertificateNode() {
        super(Strategy.FALSE_CERTIFICATE);
    }

    @Override
    protected void observe(Signed<? extends Message> message) {
        if (message.message() instanceof PrePrepare) {
            remember(prePrepares, cast(message));
        }
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        Message m = message.message();
        if (m instanceof PrePrepare pp && pp.primary() == env.id()) {
            remember(prePrepares, cast(message));
        }
        if (m instanceof ViewChange vc && vc.r() == env.id()) {
            int mode = env.choices().nextInt(5);
            if (mode != 0) {
                env.broadcast(fabricate(vc, mode));
                return;
            }
        }
        env.broadcast(message);
    }

    @Override
    protected void afterStep() {
        if (unprompted < UNPROMPTED_MAX && env.choices().chance(3)) {
            unprompted++;
            ViewChange next = new ViewChange(core.view() + 1, 0, List.of(), List.of(), env.id());
            env.broadcast(fabricate(next, 1 + env.choices().nextInt(4)));
            note("unprompted");
        }
    }

    /** The VIEW-CHANGE with one unprovable claim added (mode 1..4). */
    private Signed<ViewChange> fabricate(ViewChange vc, int mode) {
        List<PreparedCertificate> certs = new ArrayList<>(vc.prepared());
        long stableN = vc.stableN();
        List<Signed<Checkpoint>> proof = vc.checkpointProof();
        Signed<PrePrepare> real = prePrepares.isEmpty() ? null : prePrepares.peekLast();
        int prepareQuorum = env.config().prepareQuorum();
        if ((mode == 1 || mode == 2) && real != null) {
            PrePrepare pp = real.message();
            Signed<Prepare> mine = sign(new Prepare(pp.v(), pp.n(), pp.d(), env.id()));
            List<Signed<Prepare>> prepares = mode == 1
                    ? Collections.nCopies(Math.max(2, prepareQuorum), mine) // one signer, counted as many
                    : List.of(mine); // too few
            put(certs, new PreparedCertificate(real, prepares));
            note(mode == 1 ? "certificate-one-signer" : "certificate-too-few");
        } else if (mode == 4) {
            stableN = vc.stableN() + env.config().checkpointInterval();
            proof = List.of(sign(new Checkpoint(stableN, Digest.of("bftref simulator: no such state"), env.id())));
            certs.removeIf(c -> c.n() <= vc.stableN() + env.config().checkpointInterval());
            note("checkpoint-one-signer");
        } else {
            // A request nobody ordered, under a PRE-PREPARE it signed itself for a view it may not even lead.
            List<Signed<Message.Request>> batch = seenRequests.isEmpty() ? List.of() : List.of(seenRequests.peekLast());
            long v = Math.max(0, vc.v() - 1);
            PrePrepare pp = new PrePrepare(v, vc.stableN() + 1, Codec.batchDigest(batch), batch, env.id());
            Signed<Prepare> mine = sign(new Prepare(v, pp.n(), pp.d(), env.id()));
            put(certs, new PreparedCertificate(sign(pp), Collections.nCopies(Math.max(1, prepareQuorum), mine)));
            note("certificate-unordered");
        }
        return sign(new ViewChange(vc.v(), stableN, proof, certs, env.id()));
    }

    /** One certificate per sequence number, as a VIEW-CHANGE carries them. */
    private static void put(List<PreparedCertificate> certs, PreparedCertificate c) {
        certs.removeIf(x -> x.n() == c.n());
        certs.add(c);
    }
}
