package org.bftref.impl.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helpers: taking from a mailbox without waiting, and comparing what was taken with what was sent. */
final class Drain {

    private Drain() {
    }

    /** The next item, or null at once if there is none (never waits: an actor must not block). */
    static <E> E pollNow(Mailbox<E> mailbox) {
        try {
            return mailbox.poll(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling a mailbox", e);
        }
    }

    /** Everything the mailbox holds, in the order a replica would take it. */
    static <E> List<E> all(Mailbox<E> mailbox) {
        List<E> out = new ArrayList<>();
        for (E e = pollNow(mailbox); e != null; e = pollNow(mailbox)) {
            out.add(e);
        }
        return out;
    }

    /** Whether {@code taken} holds exactly the elements of {@code expected}, each once, in any order. */
    static <E> boolean sameOnceEach(List<E> taken, List<E> expected) {
        if (taken.size() != expected.size()) {
            return false;
        }
        List<E> left = new ArrayList<>(taken);
        for (E e : expected) {
            if (!left.remove(e)) {
                return false;
            }
        }
        return left.isEmpty();
    }
}
