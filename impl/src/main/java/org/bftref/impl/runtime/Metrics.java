package org.bftref.impl.runtime;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one cluster run. Counts only go up, and a reader gets a moment's view ({@link #snapshot}) that
 * may be slightly stale while the run goes on, and is exact once every thread that counts has been joined.
 *
 * <p>Threads: every runtime thread counts here (replica threads, verifier threads, the timer thread, client
 * code on verifier threads, senders on the transport). LongAdder because many threads add and few read; the
 * maps are concurrent and only ever gain keys, so two threads counting a new reason at once both count.
 */
public final class Metrics {

    // Runtime drop reasons, besides the core's DropReason names.
    /** The receiving replica's mailbox was full. */
    public static final String MAILBOX_FULL = "MAILBOX_FULL";
    /** The verifier pool's queue was full. */
    public static final String VERIFIER_QUEUE_FULL = "VERIFIER_QUEUE_FULL";
    /** A signature (the message's own or a nested one) did not verify. */
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    /** The bytes were not a well-formed signed message. */
    public static final String UNDECODABLE = "UNDECODABLE";
    /** The receiver was not attached to the transport (stopped, or never started). */
    public static final String REPLICA_DOWN = "REPLICA_DOWN";

    // Counter names.
    public static final String MESSAGES_SENT = "messages.sent";
    /** Wire bytes of the messages counted in {@link #MESSAGES_SENT} (a broadcast's once per receiver). */
    public static final String BYTES_SENT = "bytes.sent";
    public static final String VERIFIED = "messages.verified";
    /** Bytes equal to bytes the same receiver verified before (a retransmission): not checked again. */
    public static final String VERIFIED_BEFORE = "messages.verifiedBefore";
    public static final String DELIVERED = "messages.delivered";
    public static final String EXECUTED = "executed";
    public static final String PERSISTED = "persisted";
    public static final String TIMERS_FIRED = "timers.fired";
    public static final String TIMERS_STALE = "timers.stale";
    public static final String CRASHES = "crashes";
    public static final String RESTARTS = "restarts";
    /** States an honest replica adopted from its peers (the StateTransfer step). */
    public static final String STATE_TRANSFERS = "stateTransfers";

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> clientDrops = new ConcurrentHashMap<>();
    private final Set<Long> viewsEntered = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();

    public void count(String counter) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).increment();
    }

    /** Adds {@code amount} (bytes, say) to a counter. */
    public void add(String counter, long amount) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).add(amount);
    }

    /** A message an honest replica (or the runtime on its way to one) did not take, by reason. */
    public void drop(String reason) {
        drops.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** A message a client did not take (mostly replies beyond the f+1 it needed), by reason. */
    public void clientDrop(String reason) {
        clientDrops.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** An honest replica entered view v (a NEW-VIEW sent or accepted); view changes are the views above 0. */
    public void viewEntered(long v) {
        viewsEntered.add(v);
    }

    /** A bug seen on a runtime thread (an exception from a core, say); the first one is kept and reported. */
    public void error(Throwable t) {
        firstError.compareAndSet(null, t);
        count("errors");
    }

    /** The first error any runtime thread reported, or null. */
    public Throwable firstError() {
        return firstError.get();
    }

    public long get(String counter) {
        LongAdder a = counters.get(counter);
        return a == null ? 0 : a.sum();
    }

    public long dropped(String reason) {
        LongAdder a = drops.get(reason);
        return a == null ? 0 : a.sum();
    }

    /** Distinct views above 0 that some honest replica entered. */
    public long viewChanges() {
        return viewsEntered.stream().filter(v -> v > 0).count();
    }

    /** Counters, sorted by name. */
    public Map<String, Long> snapshot() {
        return sums(counters);
    }

    /** Honest replicas' drops by reason, sorted. */
    public Map<String, Long> drops() {
        return sums(drops);
    }

    public Map<String, Long> clientDrops() {
        return sums(clientDrops);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
