package org.bftref.impl.runtime;

import org.bftref.impl.core.Timer;

/**
 * A replica's timer side, as {@link ReplicaRunner} wires it: expiries go through the mailbox as control items,
 * and the owner steps its core only for an expiry that {@link Timers#isCurrent} accepts. Here the "core" counts
 * which setting's expiries reached it.
 */
final class TimerOwner {

    static final Timer KIND = Timer.NEW_VIEW;

    final Mailbox<Object> mailbox = new Mailbox<>(4);
    final ManualScheduler scheduler = new ManualScheduler();
    final Timers timers = new Timers(scheduler, mailbox::offerControl);

    /** Expiries that reached the core, by the generation they were set with (index 0 unused). */
    final int[] fired = new int[8];
    int stale;

    /** What the replica thread does with everything in its mailbox (ReplicaRunner.loop, timer branch). */
    void takeAll() {
        for (Object item : Drain.all(mailbox)) {
            Timers.Expiry e = (Timers.Expiry) item;
            if (timers.isCurrent(e)) {
                fired[(int) e.generation()]++;
            } else {
                stale++;
            }
        }
    }

    int firedTotal() {
        int sum = 0;
        for (int f : fired) {
            sum += f;
        }
        return sum;
    }
}
