package org.bftref.impl.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: the cluster stopping (crashing) a replica while the replica thread is still finishing a
 * step that sets a timer. A set that passed its "stopped?" check just before {@code stop} cancelled everything
 * still schedules its expiry; that expiry must not reach a core once the timers are stopped.
 *
 * <p>The replica thread sets the timer; the cluster thread stops the timers. The arbiter runs every expiry that
 * was scheduled and takes what the mailbox holds.
 *
 * <p>Result: expiries that reached the core (must be 0), tasks scheduled (0: stop came first; 1: the set got
 * through), expiries discarded as stale.
 */
@JCStressTest
@Outcome(id = {"0, 0, 0", "0, 1, 0", "0, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "nothing fired into a stopped replica")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a timer fired into the core after stop")
@State
public class TimersStopTest {

    private final TimerOwner owner = new TimerOwner();

    @Actor
    public void replicaThread() {
        owner.timers.set(TimerOwner.KIND, 100);
    }

    @Actor
    public void clusterThread() {
        owner.timers.stop();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        owner.scheduler.runAll();
        owner.takeAll();
        r.r1 = owner.firedTotal();
        r.r2 = owner.scheduler.count();
        r.r3 = owner.stale;
    }
}
