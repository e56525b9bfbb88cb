package org.bftref.trace.tlc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * TLC's heap, as the benchmark reports it (inside the forked TLC JVM). Two figures, because the heap's peak says
 * little about what TLC keeps: a young generation fills with garbage up to its size, whatever the trace's length,
 * before it is collected.
 *
 * <ul>
 *   <li>{@link #peakBytes()}: the sum of the heap pools' peaks (a bound on the true peak; garbage included);</li>
 *   <li>{@link #retainedBytes}: the most heap in use right after a garbage collection, over the collections since
 *   {@link #start()} (what TLC kept alive, plus garbage in generations that collection did not visit). Asked to
 *   collect, it first collects the whole heap (a full collection: slow, for the benchmark), which also covers a
 *   run too short for a collection of its own. Otherwise, if none has happened yet, the heap in use now, which
 *   bounds it from above.</li>
 * </ul>
 */
final class HeapWatch {

    private static final AtomicLong RETAINED = new AtomicLong(-1);
    private static boolean started;

    private HeapWatch() {
    }

    /** Listens to the JVM's garbage collections from now on; once per JVM. */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(pool.getKey())) {
                            used += pool.getValue().getUsed();
                        }
                    }
                    RETAINED.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    /** The sum of the heap pools' peaks so far. */
    static long peakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * The most heap in use after a collection since {@link #start()}; with {@code collect}, after a full collection
     * now as well; without, if none happened, the heap in use now.
     */
    static long retainedBytes(boolean collect) {
        long retained = RETAINED.get();
        if (collect) {
            System.gc();
            // Each pool's usage right after that collection: the usage now would count the allocation buffers
            // threads have taken from the young generation since, whole.
            long after = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    after += pool.getCollectionUsage().getUsed();
                }
            }
            return Math.max(retained, after);
        }
        return retained >= 0 ? retained : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
