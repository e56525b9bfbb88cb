package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.bftref.impl.core.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The owner of the timers (a replica thread) sets and cancels; the scheduler thread fires into a queue; the
 * owner acts only on expiries that {@link Timers#isCurrent} accepts. These tests play the owner.
 */
class TimersTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, new RuntimeThreads("timers"));
    private final LinkedBlockingQueue<Timers.Expiry> fired = new LinkedBlockingQueue<>();
    private final Timers timers = new Timers(scheduler, fired::add);

    @AfterEach
    void stopScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** What the owner acts on: the expiries still current when it takes them, within the wait. */
    private List<Timer> actedOn(long waitMillis) throws InterruptedException {
        List<Timer> acted = new ArrayList<>();
        long deadline = System.currentTimeMillis() + waitMillis;
        Timers.Expiry e;
        while ((e = fired.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) != null) {
            if (timers.isCurrent(e)) {
                acted.add(e.timer());
            }
        }
        return acted;
    }

    @Test
    void aTimerThatIsNotCancelledFiresOnce() throws InterruptedException {
        timers.set(Timer.STATUS, 10);
        assertEquals(List.of(Timer.STATUS), actedOn(200));
    }

    @Test
    void aCancelledTimerNeverFiresIntoTheOwner() throws InterruptedException {
        timers.set(Timer.REQUEST, 20);
        timers.cancel(Timer.REQUEST);
        assertEquals(List.of(), actedOn(150));
    }

    @Test
    void aTimerCancelledAfterItsExpiryWasQueuedDoesNotCountEither() throws InterruptedException {
        timers.set(Timer.REQUEST, 0);
        Timers.Expiry e = fired.poll(2, TimeUnit.SECONDS); // fired and queued, not yet taken by the owner
        timers.cancel(Timer.REQUEST);
        assertTrue(e != null && !timers.isCurrent(e));
    }

    @Test
    void aReplacedTimerFiresOnlyWithItsLatestSetting() throws InterruptedException {
        timers.set(Timer.NEW_VIEW, 0);
        Thread.sleep(30); // the first setting has surely expired and queued its expiry
        timers.set(Timer.NEW_VIEW, 40);
        List<Timer> acted = actedOn(300);
        assertEquals(List.of(Timer.NEW_VIEW), acted, "the stale expiry is ignored, the new one counts");
    }

    @Test
    void underChurnOnlyTimersLeftArmedEverCount() throws InterruptedException {
        // Many sets and cancels with delays around the scheduler's own latency, so that expiries race them.
        for (int i = 0; i < 2_000; i++) {
            Timer t = Timer.values()[i % Timer.values().length];
            timers.set(t, i % 3);
            if (i % 2 == 0) {
                timers.cancel(t);
            }
            if (i % 97 == 0) {
                actedOn(0); // the owner takes what has fired so far, as a replica between steps would
            }
        }
        for (Timer t : Timer.values()) {
            timers.cancel(t);
        }
        assertEquals(List.of(), actedOn(100), "every timer was cancelled in the end: nothing may count");
    }

    @Test
    void stoppedTimersNeverFireAndCannotBeSetAgain() throws InterruptedException {
        timers.set(Timer.STATUS, 10);
        timers.stop();
        timers.set(Timer.REQUEST, 0);
        assertEquals(List.of(), actedOn(100));
    }
}
