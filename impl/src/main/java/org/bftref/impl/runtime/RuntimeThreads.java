package org.bftref.impl.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every thread the runtime starts {@code bftref-runtime-<role>-<k>}, so that a test can check after a run
 * that none is left alive, and a thread dump shows who is who. Threads are not daemons: a thread left running is
 * a shutdown bug to find, not one to hide.
 */
final class RuntimeThreads implements ThreadFactory {

    /** The prefix of every runtime thread's name. */
    static final String PREFIX = "bftref-runtime-";

    private final String role;
    private final AtomicInteger count = new AtomicInteger();

    RuntimeThreads(String role) {
        this.role = role;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, PREFIX + role + "-" + count.getAndIncrement());
        t.setDaemon(false);
        return t;
    }

    /** Runtime threads alive now, in any cluster of this JVM. */
    static long alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(PREFIX)).count();
    }
}
