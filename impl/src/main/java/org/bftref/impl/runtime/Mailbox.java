package org.bftref.impl.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A replica's inbox: a bounded queue of messages and a separate queue of control items (timer expiries, stop),
 * taken by one consumer, the replica thread.
 *
 * <p>Threads: any number of producers ({@link #offer} from verifier threads, {@link #offerControl} from the
 * timer thread and from whoever stops the replica); one consumer ({@link #take}), the replica's own thread.
 * Everything is guarded by one lock.
 *
 * <p>Full means drop, counted by the caller, never wait. Back-pressure (a producer waiting for room) would let
 * replicas wait on each other in a cycle: a replica thread sending blocks on the verifier queue, whose threads
 * block on that same replica's full mailbox, and nothing drains. Dropping is what an overloaded network does,
 * and PBFT already copes with lost messages (clients retry, replicas exchange STATUS and resend). Closed-loop
 * clients bound the load, so a mailbox of the default size does not fill in a normal run.
 *
 * <p>Control items are not bounded and never dropped: a lost timer expiry would silence a replica for good
 * (the core re-arms its STATUS timer only when it expires). They stay few by construction: at most one live
 * expiry per timer kind, plus one stop.
 *
 * @param <E> what the queue holds
 */
final class Mailbox<E> {

    private final int capacity;
    private final ArrayDeque<E> messages = new ArrayDeque<>();
    private final ArrayDeque<E> control = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;

    Mailbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a mailbox holds at least one message: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds a message unless the mailbox is full or closed; false means the caller drops it (and counts it). */
    boolean offer(E message) {
        lock.lock();
        try {
            if (closed || messages.size() >= capacity) {
                return false;
            }
            messages.addLast(message);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Adds a control item, taken before any message; false only once the mailbox is closed. */
    boolean offerControl(E item) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            control.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next control item if there is one, else the oldest message; waits until one comes. Null once the
     * mailbox is closed: the consumer's signal to stop.
     */
    E take() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && control.isEmpty() && messages.isEmpty()) {
                notEmpty.await();
            }
            if (closed) {
                return null;
            }
            return control.isEmpty() ? messages.pollFirst() : control.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #take}, but null also if nothing comes within the timeout. */
    E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!closed && control.isEmpty() && messages.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (closed) {
                return null;
            }
            return control.isEmpty() ? messages.pollFirst() : control.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses everything from now on, forgets what is queued (what a crash does to a process's buffers) and
     * wakes the consumer, whose {@link #take} returns null.
     */
    void close() {
        lock.lock();
        try {
            closed = true;
            messages.clear();
            control.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Messages queued now (control items not counted). */
    int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
    }
}
