package org.bftref.impl.runtime;

import java.util.ArrayList;
import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Race guarded against: the hand-off from the verifier pool's worker threads to a replica thread. A message must
 * reach the replica only after its signature checked out (a hand-off before the check, or a check whose result
 * is not what decides the hand-off, lets a forged message into the core), each arrival at most once (a task
 * that hands on twice, or a retry after a slow check), and none vanish between the pool and the mailbox.
 *
 * <p>A sender's thread (the transport) delivers A, a forgery F (A's neighbour with a flipped signature bit) and
 * B; two pool workers check them in parallel while the replica thread takes from its mailbox without waiting,
 * re-checking every message it gets, as the core's trust in it requires. The arbiter waits until the pool has
 * finished all three (handed on, or dropped with a reason) and takes the rest.
 *
 * <p>Result: times A reached the replica, times B did, times a message that does not verify did, and 0 if nothing
 * was dropped for load, 1 if something was (a full queue drops by design, counted; then which one is unknown),
 * 2 if an arrival vanished (neither handed on nor dropped within 20 s).
 */
@JCStressTest
@Outcome(id = "1, 1, 0, 0", expect = Expect.ACCEPTABLE, desc = "A and B once each, the forgery never")
@Outcome(id = {"1, 1, 0, 1", "0, 1, 0, 1", "1, 0, 0, 1", "0, 0, 0, 1"}, expect = Expect.ACCEPTABLE_INTERESTING,
        desc = "a queue was full and dropped a message, counted (by design: full means drop)")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a forgery reached the replica, a message arrived twice or vanished")
@State
public class VerifierHandOffTest {

    private static final Signed<Message.Prepare> A = Arrivals.genuine(2, 1);
    private static final Signed<Message.Prepare> F = Arrivals.forged(2, 2);
    private static final Signed<Message.Prepare> B = Arrivals.genuine(3, 3);
    private static final byte[] WIRE_A = Arrivals.wire(A);
    private static final byte[] WIRE_F = Arrivals.wire(F);
    private static final byte[] WIRE_B = Arrivals.wire(B);

    private final Arrivals arrivals = new Arrivals();
    private final List<Signed<? extends Message>> taken = new ArrayList<>();
    private int unverifiedTaken;

    @Actor
    public void transportThread() {
        arrivals.inbound.receive(WIRE_A);
        arrivals.inbound.receive(WIRE_F);
        arrivals.inbound.receive(WIRE_B);
    }

    @Actor
    public void replicaThread() {
        for (Signed<? extends Message> m : arrivals.takeNow(3)) {
            taken.add(m);
            if (!Arrivals.VERIFIER.verifyDeep(m)) {
                unverifiedTaken++;
            }
        }
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        boolean finished = arrivals.awaitFinished(3);
        List<Signed<? extends Message>> all = new ArrayList<>(taken);
        for (Signed<? extends Message> m : arrivals.takeAll()) {
            all.add(m);
            if (!Arrivals.VERIFIER.verifyDeep(m)) {
                unverifiedTaken++;
            }
        }
        r.r1 = Arrivals.count(all, A);
        r.r2 = Arrivals.count(all, B);
        r.r3 = unverifiedTaken + Arrivals.count(all, F);
        r.r4 = !finished || arrivals.otherDrops() > 0 ? 2 : arrivals.loadDrops() > 0 ? 1 : 0;
    }
}
