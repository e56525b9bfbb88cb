package org.bftref.impl.runtime;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import org.bftref.impl.core.Timer;

/**
 * The timers of one owner (a replica or a client), at most one running per {@link Timer} kind, as the core
 * expects: setting a kind again replaces it.
 *
 * <p>Why generations: cancelling a ScheduledFuture cannot stop an expiry that has already started, or one
 * already queued in the owner's mailbox. So every set and cancel bumps the kind's generation, each expiry
 * carries the generation it was set with, and the owner, when it takes the expiry, steps its core only if
 * {@link #isCurrent} still holds. A cancelled or replaced timer may still produce an {@link Expiry}, but never
 * one that is current, so it never reaches the core. Cancelling the future as well only saves the work.
 *
 * <p>Threads: {@link #set}, {@link #cancel} and {@link #isCurrent} are called by the owner's thread (a replica
 * thread, or whichever thread holds a client's lock); the scheduler's thread runs expiries and hands them to
 * the sink. The generation and future arrays are atomic, so the class is safe even if set, cancel and the check
 * come from different threads; the check is then exact for whatever set or cancel happened before it.
 */
final class Timers {

    /** A timer of some kind, set with some generation, expired. */
    record Expiry(Timer timer, long generation) {
    }

    private static final Timer[] KINDS = Timer.values();

    private final ScheduledExecutorService scheduler;
    private final Consumer<Expiry> sink;
    private final AtomicLongArray generation = new AtomicLongArray(KINDS.length);
    private final AtomicReferenceArray<ScheduledFuture<?>> pending = new AtomicReferenceArray<>(KINDS.length);
    private volatile boolean stopped;

    /** Expiries are handed to {@code sink} on the scheduler's thread; the sink must not block. */
    Timers(ScheduledExecutorService scheduler, Consumer<Expiry> sink) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Arms the timer (again): an expiry of an earlier setting no longer counts. */
    void set(Timer timer, long delayMillis) {
        if (stopped) {
            return;
        }
        int k = timer.ordinal();
        long g = generation.incrementAndGet(k);
        ScheduledFuture<?> f = scheduler.schedule(() -> sink.accept(new Expiry(timer, g)),
                Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        cancelFuture(pending.getAndSet(k, f));
    }

    /** Disarms the timer: no expiry of any earlier setting counts. */
    void cancel(Timer timer) {
        int k = timer.ordinal();
        generation.incrementAndGet(k);
        cancelFuture(pending.getAndSet(k, null));
    }

    /** Whether this expiry belongs to the timer's latest setting, not cancelled since: the only kind to act on. */
    boolean isCurrent(Expiry e) {
        return !stopped && generation.get(e.timer().ordinal()) == e.generation();
    }

    /** Disarms every timer for good (the owner stopped or crashed); later sets are ignored. */
    void stop() {
        stopped = true;
        for (Timer t : KINDS) {
            cancel(t);
        }
    }

    private static void cancelFuture(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
