package org.bftref.impl.runtime;

import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: the cache of already verified bytes ({@link VerifiedBytes}), which lets a retransmitted
 * message skip its signature check, shared by the pool's workers. A genuine message and a forgery of the same
 * message (same content, one signature bit flipped) arrive at once from two senders and are checked by two
 * workers in parallel: whichever finishes first, the forgery must not be let through on the genuine one's
 * cache entry (a cache keyed by the message rather than its whole bytes, or an entry added before the check
 * succeeded), and the genuine one must not be refused.
 *
 * <p>Result: times the genuine message reached the replica (1), times the forgery did (must be 0), and 0 if
 * nothing was dropped for load, 1 if something was (counted, by design), 2 if an arrival vanished.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "the genuine message once, the forgery refused")
@Outcome(id = {"0, 0, 1", "1, 0, 1"}, expect = Expect.ACCEPTABLE_INTERESTING, desc = "a full queue dropped one, counted")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: the forgery got through, or the genuine message was lost or doubled")
@State
public class VerifiedCacheTest {

    private static final Signed<Message.Prepare> GENUINE = Arrivals.genuine(1, 9);
    private static final Signed<Message.Prepare> FORGED = Arrivals.forged(1, 9);
    private static final byte[] WIRE_GENUINE = Arrivals.wire(GENUINE);
    private static final byte[] WIRE_FORGED = Arrivals.wire(FORGED);

    private final Arrivals arrivals = new Arrivals();

    @Actor
    public void honestSender() {
        arrivals.inbound.receive(WIRE_GENUINE);
    }

    @Actor
    public void forger() {
        arrivals.inbound.receive(WIRE_FORGED);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        boolean finished = arrivals.awaitFinished(2);
        List<Signed<? extends Message>> all = arrivals.takeAll();
        r.r1 = Arrivals.count(all, GENUINE);
        r.r2 = all.size() - r.r1;
        r.r3 = !finished || arrivals.otherDrops() > 0 ? 2 : arrivals.loadDrops() > 0 ? 1 : 0;
    }
}
