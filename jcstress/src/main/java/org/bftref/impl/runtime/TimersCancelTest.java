package org.bftref.impl.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Race guarded against: the timer thread running an expiry at the moment the replica cancels that timer (the
 * core executed the request it was waiting for). Cancelling the future cannot stop an expiry already running, nor
 * one already queued in the mailbox; the generation check must, so a cancelled timer never fires into the core.
 *
 * <p>The timer is set before the actors start. The replica thread cancels it and then takes what its mailbox
 * holds; the timer thread runs the expiry (it does nothing if the cancel came first). The arbiter takes what
 * is left, as the replica would later.
 *
 * <p>Result: expiries that reached the core (must be 0), expiries discarded as stale (0: the cancel stopped the
 * task before it ran; 1: it ran anyway).
 */
@JCStressTest
@Outcome(id = {"0, 0", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "never fired into the core; the late expiry, if any, discarded as stale")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a cancelled timer fired into the core, or an expiry vanished or doubled")
@State
public class TimersCancelTest {

    private final TimerOwner owner = new TimerOwner();
    private final ManualScheduler.Task expiry;

    public TimersCancelTest() {
        owner.timers.set(TimerOwner.KIND, 100);
        expiry = owner.scheduler.task(0);
    }

    @Actor
    public void replicaThread() {
        owner.timers.cancel(TimerOwner.KIND);
        owner.takeAll();
    }

    @Actor
    public void timerThread() {
        expiry.run();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        owner.takeAll();
        r.r1 = owner.firedTotal();
        r.r2 = owner.stale;
    }
}
