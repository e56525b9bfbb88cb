package org.bftref.impl.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZII_Result;

/**
 * Race guarded against: a verifier thread offering while the cluster stops (crashes) the replica: an offer that
 * lands after {@code close} cleared the queue would leave a message behind that a restarted consumer of the same
 * mailbox, or a {@code take} after close, could still see; and a take after close must return null (the
 * replica thread's signal to end), never a message.
 *
 * <p>Result: whether the offer was accepted (either, depending on which came first), what a take after both
 * returns (0: null, 1: a message), the messages counted as queued after both.
 */
@JCStressTest
@Outcome(id = {"true, 0, 0", "false, 0, 0"}, expect = Expect.ACCEPTABLE, desc = "closed: nothing taken, nothing queued, whatever the offer said")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a message survives close, or a take after close returns one")
@State
public class MailboxCloseTest {

    private final Mailbox<String> mailbox = new Mailbox<>(4);

    @Actor
    public void verifierThread(ZII_Result r) {
        r.r1 = mailbox.offer("m");
    }

    @Actor
    public void clusterThread() {
        mailbox.close();
    }

    @Arbiter
    public void arbiter(ZII_Result r) {
        r.r2 = Drain.pollNow(mailbox) == null ? 0 : 1;
        r.r3 = mailbox.size();
    }
}
