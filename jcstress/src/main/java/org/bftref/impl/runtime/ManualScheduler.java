package org.bftref.impl.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose expiries run when a test says so, on the thread the test chooses: a jcstress actor plays the
 * timer thread, so its expiry races the owner's set, cancel and stop exactly where the test puts them. Each
 * scheduled task is a FutureTask, as in the JDK's ScheduledThreadPoolExecutor: cancelled before it starts, it
 * never runs; cancelled while running (cancel(false), as Timers does), it runs to the end.
 *
 * <p>Only {@code schedule(Runnable, ...)} is used by Timers; everything else refuses.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    /** One scheduled expiry; run() is what the timer thread would do when its delay is up. */
    static final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
        Task(Runnable r) {
            super(r, null);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }

    private final List<Task> scheduled = new ArrayList<>();

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task t = new Task(command);
        scheduled.add(t);
        return t;
    }

    /** The k-th task scheduled so far (0-based). */
    synchronized Task task(int k) {
        return scheduled.get(k);
    }

    synchronized int count() {
        return scheduled.size();
    }

    /** Runs every task scheduled so far, in order (what the timer thread does once all delays are up). */
    void runAll() {
        List<Task> tasks;
        synchronized (this) {
            tasks = new ArrayList<>(scheduled);
        }
        tasks.forEach(Task::run);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Timers schedules runnables only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("Timers schedules one-shot expiries only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Timers schedules one-shot expiries only");
    }

    @Override
    public void execute(Runnable command) {
        throw new UnsupportedOperationException("Timers schedules, it does not execute");
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
