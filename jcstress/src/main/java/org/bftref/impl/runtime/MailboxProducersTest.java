package org.bftref.impl.runtime;

import java.util.List;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: concurrent producers (verifier threads handing messages of different senders to one
 * replica) losing or duplicating a message when their adds to the queue overlap, or reordering one producer's
 * own messages (a replica must see one sender's messages in the order they were verified and handed over).
 *
 * <p>Room for all four: every offer succeeds, and the replica takes each message exactly once, each producer's
 * two in the order it offered them.
 *
 * <p>Result: offers accepted, 1 if the taken messages are exactly the four once each, 1 if each producer's
 * messages come in its order.
 */
@JCStressTest
@Outcome(id = "4, 1, 1", expect = Expect.ACCEPTABLE, desc = "all four accepted and taken once, per-producer order kept")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a message refused with room left, lost, duplicated, or one producer's messages reordered")
@State
public class MailboxProducersTest {

    private final Mailbox<String> mailbox = new Mailbox<>(4);
    private int acceptedA;
    private int acceptedB;

    @Actor
    public void producerA() {
        acceptedA = (mailbox.offer("a0") ? 1 : 0) + (mailbox.offer("a1") ? 1 : 0);
    }

    @Actor
    public void producerB() {
        acceptedB = (mailbox.offer("b0") ? 1 : 0) + (mailbox.offer("b1") ? 1 : 0);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        List<String> taken = Drain.all(mailbox);
        r.r1 = acceptedA + acceptedB;
        r.r2 = Drain.sameOnceEach(taken, List.of("a0", "a1", "b0", "b1")) ? 1 : 0;
        r.r3 = taken.indexOf("a0") < taken.indexOf("a1") && taken.indexOf("b0") < taken.indexOf("b1") ? 1 : 0;
    }
}
