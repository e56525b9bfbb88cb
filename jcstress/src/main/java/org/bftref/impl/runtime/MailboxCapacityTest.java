package org.bftref.impl.runtime;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: two verifier threads offering into one replica's full-ish mailbox at once, both seeing
 * room before either adds (a size check and an add not under one lock), so the mailbox holds more than its
 * capacity; or an offer that reports success while its message is lost, or reports a drop (which the caller
 * counts) while its message is kept.
 *
 * <p>Capacity 3, two producers offer two messages each, nobody takes: exactly three offers succeed (a producer
 * whose first offer is refused finds the mailbox full for its second as well), and the mailbox then holds
 * exactly the accepted messages, once each.
 *
 * <p>Result: offers producer A got accepted, offers producer B got accepted, 1 if what is queued is exactly the
 * accepted messages (else 0).
 */
@JCStressTest
@Outcome(id = {"2, 1, 1", "1, 2, 1"}, expect = Expect.ACCEPTABLE, desc = "three of four accepted, exactly those queued")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: capacity exceeded or left unused, or queued messages differ from accepted ones")
@State
public class MailboxCapacityTest {

    private final Mailbox<String> mailbox = new Mailbox<>(3);
    private final boolean[] acceptedA = new boolean[2];
    private final boolean[] acceptedB = new boolean[2];

    @Actor
    public void producerA() {
        acceptedA[0] = mailbox.offer("a0");
        acceptedA[1] = mailbox.offer("a1");
    }

    @Actor
    public void producerB() {
        acceptedB[0] = mailbox.offer("b0");
        acceptedB[1] = mailbox.offer("b1");
    }

    @Arbiter
    public void arbiter(III_Result r) {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (acceptedA[i]) {
                accepted.add("a" + i);
            }
            if (acceptedB[i]) {
                accepted.add("b" + i);
            }
        }
        r.r1 = (acceptedA[0] ? 1 : 0) + (acceptedA[1] ? 1 : 0);
        r.r2 = (acceptedB[0] ? 1 : 0) + (acceptedB[1] ? 1 : 0);
        List<String> queued = Drain.all(mailbox);
        r.r3 = Drain.sameOnceEach(queued, accepted) ? 1 : 0;
    }
}
