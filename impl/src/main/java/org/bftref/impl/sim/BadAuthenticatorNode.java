package org.bftref.impl.sim;

import java.util.ArrayList;
import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#BAD_AUTHENTICATOR}: as primary, breaks the clients' authenticator entries of some backups in
 * the requests of a PRE-PREPARE, the other entries intact, re-signs it (the batch digest does not cover the
 * authenticators, so it keeps its (v, n, d)) and sends it to every backup. That is exactly what a faulty client's
 * authenticator, valid at some replicas only, looks like to the backups; under a signature scheme a broken
 * "entry" breaks the whole client signature, for everyone. Per PRE-PREPARE, by choice: intact (0); the entries of
 * a random set of backups broken (1); the entry of exactly one backup broken (2), so that with n = 4 the request
 * can still prepare at the primary and the two others; or (3) as 2, after which this replica falls silent for
 * good, so that the request prepared at 2f+1 replicas meets a view change and the backup that cannot
 * authenticate it must still take it from the NEW-VIEW. A retransmitted PRE-PREPARE may get its receiver's
 * entries broken. Otherwise honest.
 */
final class BadAuthenticatorNode extends Deviant {

    private boolean silent;

    BadAuthenticatorNode() {
        super(Strategy.BAD_AUTHENTICATOR);
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        if (silent) {
            return;
        }
        if (!(message.message() instanceof PrePrepare pp) || pp.primary() != env.id() || pp.batch().isEmpty()) {
            env.broadcast(message);
            return;
        }
        int mode = env.choices().nextInt(4);
        if (mode == 0) {
            env.broadcast(message);
            return;
        }
        List<Integer> others = env.others();
        List<Integer> broken = new ArrayList<>();
        if (mode == 1) {
            for (int backup : others) {
                if (env.choices().pick(2) == 1) {
                    broken.add(backup);
                }
            }
        } else {
            broken.add(others.get(env.choices().pick(others.size())));
        }
        env.broadcast(brokenFor(pp, broken));
        note(mode == 1 ? "some-backups" : mode == 2 ? "one-backup" : "one-backup-then-silent");
        if (mode == 3) {
            silent = true;
        }
    }

    @Override
    protected void outSend(Principal to, Signed<? extends Message> message) {
        if (silent) {
            return;
        }
        if (to instanceof Principal.Replica r && message.message() instanceof PrePrepare pp && pp.primary() == env.id()
                && !pp.batch().isEmpty() && env.choices().pick(2) == 1) {
            note("retransmission");
            env.send(to, brokenFor(pp, List.of(r.id()))); // a retransmitted PRE-PREPARE, broken for its receiver
            return;
        }
        env.send(to, message);
    }

    /** The PRE-PREPARE with every request's authenticator entries for {@code backups} broken, re-signed. */
    private Signed<PrePrepare> brokenFor(PrePrepare pp, List<Integer> backups) {
        List<Signed<Request>> batch = new ArrayList<>();
        for (Signed<Request> r : pp.batch()) {
            Signed<Request> changed = r;
            for (int backup : backups) {
                changed = Forge.withBrokenEntry(changed, backup, env.scenario().n());
            }
            batch.add(changed);
        }
        return sign(new PrePrepare(pp.v(), pp.n(), pp.d(), batch, pp.primary()));
    }
}
