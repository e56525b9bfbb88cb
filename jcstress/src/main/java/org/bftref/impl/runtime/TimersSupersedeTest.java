package org.bftref.impl.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: the replica re-arming a timer (setting the same kind again, as the core does when a view
 * change moves on) while the timer thread runs the earlier setting's expiry. The superseded expiry must never
 * reach the core, and the new setting must still fire exactly once: neither a stale expiry mistaken for the new
 * one, nor the new one discarded because the old one bumped something.
 *
 * <p>Setting 1 is made before the actors start. The replica thread sets the timer again (setting 2) and takes its
 * mailbox; the timer thread runs setting 1's expiry. The arbiter then runs setting 2's expiry (its delay is up)
 * and takes what is left.
 *
 * <p>Result: expiries of setting 1 that reached the core (must be 0), of setting 2 (must be 1), expiries
 * discarded as stale (0 or 1: whether setting 1's task ran before setting 2 cancelled it).
 */
@JCStressTest
@Outcome(id = {"0, 1, 0", "0, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "only the latest setting fired, once")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a superseded timer fired into the core, or the latest one did not fire exactly once")
@State
public class TimersSupersedeTest {

    private final TimerOwner owner = new TimerOwner();
    private final ManualScheduler.Task first;

    public TimersSupersedeTest() {
        owner.timers.set(TimerOwner.KIND, 100);
        first = owner.scheduler.task(0);
    }

    @Actor
    public void replicaThread() {
        owner.timers.set(TimerOwner.KIND, 100);
        owner.takeAll();
    }

    @Actor
    public void timerThread() {
        first.run();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        owner.scheduler.task(1).run();
        owner.takeAll();
        r.r1 = owner.fired[1];
        r.r2 = owner.fired[2];
        r.r3 = owner.stale;
    }
}
