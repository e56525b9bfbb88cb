package org.bftref.impl.sim;

import java.util.List;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#DOUBLE_VOTE}: whenever the core votes (PREPARE or COMMIT) for digest d at (v, n), each other
 * replica gets, by choice, that vote (0) or a vote for a second digest at the same (v, n): the null request's,
 * or a made-up one when d is the null request's. Quorums of 2f+1 must keep one faulty double voter from making
 * two digests look prepared or committed.
 */
final class DoubleVoteNode extends Deviant {

    private static final Digest MADE_UP = Digest.of("bftref simulator: a digest no batch has");

    DoubleVoteNode() {
        super(Strategy.DOUBLE_VOTE);
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        Message m = message.message();
        Signed<? extends Message> other;
        if (m instanceof Prepare p && p.r() == env.id()) {
            other = sign(new Prepare(p.v(), p.n(), second(p.d()), p.r()));
        } else if (m instanceof Commit c && c.r() == env.id()) {
            other = sign(new Commit(c.v(), c.n(), second(c.d()), c.r()));
        } else {
            env.broadcast(message);
            return;
        }
        List<Integer> others = env.others();
        boolean doubled = false;
        for (int j : others) {
            boolean second = env.choices().pick(2) == 1;
            doubled |= second;
            env.sendToReplica(j, second ? other : message);
        }
        if (doubled) {
            note(m instanceof Prepare ? "second-prepare" : "second-commit");
        }
    }

    private static Digest second(Digest d) {
        return d.equals(Codec.NULL_REQUEST_DIGEST) ? MADE_UP : Codec.NULL_REQUEST_DIGEST;
    }
}
