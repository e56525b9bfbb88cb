package org.bftref.impl.runtime;

import java.util.List;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Race guarded against: the timer thread's expiry and a verifier thread's message arriving at once into a
 * mailbox of capacity one: the control item must neither take the message's slot (a full message queue must not
 * drop a timer expiry, or the replica's STATUS timer dies for good) nor be lost, and once both are in, the
 * replica takes the control item first.
 *
 * <p>Result: 1 if the message offer was accepted and the expiry too, then the order taken (1: control first,
 * 2: message first, 0: anything else).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "both accepted, the expiry taken first")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: the expiry dropped, lost or taken after the message, or the message refused with room")
@State
public class MailboxControlFirstTest {

    private final Mailbox<String> mailbox = new Mailbox<>(1);
    private boolean messageAccepted;
    private boolean controlAccepted;

    @Actor
    public void verifierThread() {
        messageAccepted = mailbox.offer("message");
    }

    @Actor
    public void timerThread() {
        controlAccepted = mailbox.offerControl("expiry");
    }

    @Arbiter
    public void arbiter(II_Result r) {
        List<String> taken = Drain.all(mailbox);
        r.r1 = messageAccepted && controlAccepted ? 1 : 0;
        r.r2 = taken.equals(List.of("expiry", "message")) ? 1 : taken.equals(List.of("message", "expiry")) ? 2 : 0;
    }
}
