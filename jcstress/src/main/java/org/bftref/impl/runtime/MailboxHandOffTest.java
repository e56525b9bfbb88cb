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
 * Race guarded against: the replica thread taking from its mailbox while a verifier thread adds to it: a take
 * that sees the message count go up before the message itself is in place (returning null or a stale slot), a
 * message taken twice (once by the replica's poll, again later), or one lost between the two.
 *
 * <p>The producer offers m0 then m1; the replica thread polls twice without waiting, and takes whatever is left
 * afterwards (the arbiter). Between them they take m0 and m1 once each, m0 first; how many the replica's own polls
 * got depends on timing, and all three counts are fine.
 *
 * <p>Result: how many the replica's polls took (0, 1, 2), 1 if the two together took m0 and m1 once each, 1 if in
 * that order.
 */
@JCStressTest
@Outcome(id = {"0, 1, 1", "1, 1, 1", "2, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "each message taken once, in order; polls saw 0, 1 or 2")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a message lost, taken twice, or taken out of order")
@State
public class MailboxHandOffTest {

    private final Mailbox<String> mailbox = new Mailbox<>(2);
    private final List<String> takenByReplica = new ArrayList<>();
    private boolean accepted;

    @Actor
    public void verifierThread() {
        accepted = mailbox.offer("m0") & mailbox.offer("m1");
    }

    @Actor
    public void replicaThread() {
        for (int i = 0; i < 2; i++) {
            String m = Drain.pollNow(mailbox);
            if (m != null) {
                takenByReplica.add(m);
            }
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        List<String> taken = new ArrayList<>(takenByReplica);
        taken.addAll(Drain.all(mailbox));
        r.r1 = takenByReplica.size();
        r.r2 = accepted && Drain.sameOnceEach(taken, List.of("m0", "m1")) ? 1 : 0;
        r.r3 = taken.equals(List.of("m0", "m1")) ? 1 : 0;
    }
}
