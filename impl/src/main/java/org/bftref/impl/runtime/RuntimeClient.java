package org.bftref.impl.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import org.bftref.impl.core.Client;
import org.bftref.impl.core.DropReason;
import org.bftref.impl.core.Effect;
import org.bftref.impl.core.Input;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * A closed-loop client: it submits one request, waits for f+1 matching replies (the core {@link Client} decides
 * that), records the latency, and submits the next, until it has done its share of the run.
 *
 * <p>It has no thread of its own, so a run can have hundreds of clients: verified replies arrive on verifier
 * threads, retry timers on the timer thread, and each of them steps the client core while holding the client's
 * lock, which keeps the core single-threaded. Nothing called under the lock waits for another thread: sends only
 * enqueue, timers only schedule.
 *
 * <p>Threads: {@link #begin} from the cluster's thread; {@link #receive} from verifier threads; expiries from the
 * timer thread; {@link #stop} and {@link #latenciesNanos} from the cluster's thread. All synchronized, except the
 * filter {@link #awaited}, which verifier threads run without the lock: it reads one volatile field.
 */
final class RuntimeClient {

    /**
     * Client timestamps of incarnation k (the k-th cluster on one storage) start above k * 2^40: above every
     * earlier incarnation's, as long as no client sent 2^40 requests (a client's share is an int).
     */
    static final int TIMESTAMP_BITS_PER_INCARNATION = 40;

    private final int id;
    /** Made by {@link #begin}, which knows the incarnation; only touched under the lock. */
    private Client core;
    private final RuntimeContext context;
    private final Timers timers;
    private final LongConsumer completed;
    private final long[] latencies;
    private Transport.Link link;
    private int submitted;
    private int done;
    private long incarnation;
    private long submittedAtNanos;
    private boolean stopped;
    /** The timestamp of the request outstanding, -1 if none; written under the lock, read by verifier threads. */
    private volatile long outstandingTimestamp = -1;

    /**
     * @param requests  how many requests this client submits, one after the other
     * @param completed told the completion time (System.nanoTime) of each request; called under the lock
     */
    RuntimeClient(int id, int requests, RuntimeContext context, LongConsumer completed) {
        this.id = id;
        this.context = context;
        this.latencies = new long[requests];
        this.completed = completed;
        this.timers = new Timers(context.scheduler(), this::expired);
    }

    /**
     * Attaches to the transport and submits the first request.
     *
     * @param incarnation how many clusters ran on the storage before this one: the timestamps go above theirs
     */
    synchronized void begin(long incarnation) {
        if (incarnation < 0 || incarnation >= 1L << (63 - TIMESTAMP_BITS_PER_INCARNATION)) {
            throw new IllegalArgumentException("incarnation out of range: " + incarnation);
        }
        this.incarnation = incarnation;
        core = new Client(context.config(), id, context.keys().signer(Principal.client(id))::sign,
                incarnation << TIMESTAMP_BITS_PER_INCARNATION);
        Transport.Inbound inbound = context.verifiers().inbound(Principal.client(id), this::receive,
                context.metrics()::clientDrop,
                this::awaited, DropReason.STALE_REQUEST.name());
        link = context.transport().attach(Principal.client(id), inbound);
        submitNext();
    }

    /**
     * Read without the lock, before verification: a reply is worth its signature check only if it answers the
     * request outstanding now. Replies beyond the f+1 that completed a request are most of them (2 of 4 at n=4).
     */
    private boolean awaited(Signed<? extends Message> m) {
        return !(m.message() instanceof Message.Reply r) || r.timestamp() == outstandingTimestamp;
    }

    synchronized void receive(VerifierPool.Verified reply) {
        if (!stopped && core != null) {
            perform(core.step(new Input.Deliver(reply.message())));
        }
    }

    private synchronized void expired(Timers.Expiry e) {
        if (!stopped && timers.isCurrent(e)) {
            try {
                perform(core.step(new Input.TimerExpired(e.timer())));
            } catch (RuntimeException | AssertionError bug) {
                context.metrics().error(bug); // else it would vanish inside the scheduler's future
            }
        }
    }

    private void submitNext() {
        if (submitted == latencies.length || stopped) {
            return;
        }
        submitted++;
        submittedAtNanos = System.nanoTime();
        // Operation names as in the simulator; a resumed cluster's name their incarnation, so they stay distinct.
        List<Effect> effects = core.submit("c" + id + (incarnation == 0 ? "" : "." + incarnation) + "-op" + submitted);
        for (Effect e : effects) {
            if (e instanceof Effect.Send s && s.message().message() instanceof Message.Request r) {
                outstandingTimestamp = r.timestamp();
            }
        }
        perform(effects);
    }

    private void perform(List<Effect> effects) {
        boolean next = false;
        for (Effect e : effects) {
            if (e instanceof Effect.Send s) {
                link.send(s.to(), s.message());
            } else if (e instanceof Effect.Broadcast b) {
                link.broadcast(b.message());
            } else if (e instanceof Effect.SetTimer t) {
                timers.set(t.timer(), t.delayMillis());
            } else if (e instanceof Effect.CancelTimer c) {
                timers.cancel(c.timer());
            } else if (e instanceof Effect.Dropped d) {
                context.metrics().clientDrop(d.reason().name());
            } else if (e instanceof Effect.Completed) {
                outstandingTimestamp = -1;
                long now = System.nanoTime();
                latencies[done++] = now - submittedAtNanos;
                completed.accept(now);
                next = true;
            } else {
                throw new IllegalStateException("an effect a client should not produce: " + e);
            }
        }
        if (next) {
            submitNext();
        }
    }

    /** Stops for good: detached, timers off, later replies ignored. */
    synchronized void stop() {
        stopped = true;
        timers.stop();
        if (link != null) {
            link.close();
        }
    }

    /** The latency of each completed request, in completion order. */
    synchronized long[] latenciesNanos() {
        return Arrays.copyOf(latencies, done);
    }
}
