package org.bftref.impl.runtime;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.DecodeException;
import org.bftref.impl.crypto.Verifier;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * Decodes and verifies arriving messages on a pool of worker threads, before any core sees them: signatures
 * cost far more than a core's step (Ed25519 about 380 µs per check on this project's machine), so they run in
 * parallel while each core stays single-threaded.
 *
 * <p>The guarantee "no message reaches a core unverified" is a type: a core's mailbox holds {@link Verified}
 * objects, and only this class can make one, after {@link Verifier#verifyDeep} returned true for exactly that
 * message (or for bytes equal to bytes that did, see {@link VerifiedBytes}). "None twice": each arriving byte
 * array becomes one task, and a task hands its message on at most once.
 *
 * <p>Threads: {@link #inbound}'s receivers run on senders' threads and only enqueue; the pool's workers decode,
 * verify and call the sink (a mailbox offer, or a client's synchronized receive). The queue is bounded and a
 * full queue drops the message, counted as {@link Metrics#VERIFIER_QUEUE_FULL}, for the reason given in
 * {@link Mailbox}: a sender must never wait for a worker that may be waiting for that sender.
 */
final class VerifierPool {

    /** A message whose signatures, its own and every nested one, have been checked. Only the pool makes these. */
    static final class Verified {
        private final Signed<? extends Message> message;

        private Verified(Signed<? extends Message> message) {
            this.message = message;
        }

        Signed<? extends Message> message() {
            return message;
        }
    }

    /** Per receiver: enough to cover what a peer resends to one that is behind (a watermark window's messages). */
    private static final int VERIFIED_CACHE_MAX = 16_384;

    /** The verifier of what a principal receives (the same one for all, except under the MAC scheme). */
    private final Function<Principal, Verifier> verifiers;
    private final Codec codec;
    private final Metrics metrics;
    private final ThreadPoolExecutor workers;

    VerifierPool(int threads, int queueCapacity, Verifier verifier, Codec codec, Metrics metrics) {
        this(threads, queueCapacity, receiver -> verifier, codec, metrics);
        Objects.requireNonNull(verifier, "verifier");
    }

    /** A pool that verifies what each receiver gets with that receiver's verifier ({@code keys::verifier}). */
    VerifierPool(int threads, int queueCapacity, Function<Principal, Verifier> verifiers, Codec codec, Metrics metrics) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("need at least one verifier thread and queue slot: " + threads
                    + ", " + queueCapacity);
        }
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new RuntimeThreads("verifier"),
                new ThreadPoolExecutor.AbortPolicy());
        workers.prestartAllCoreThreads();
    }

    /**
     * The inbound side of one principal: bytes in, verified messages out to {@code sink}, on a worker thread.
     * {@code dropped} counts a message that fails (by reason), so replicas and clients can count apart.
     */
    Transport.Inbound inbound(Consumer<Verified> sink, Consumer<String> dropped) {
        return inbound(null, sink, dropped, m -> true, null);
    }

    /** As above for {@code receiver}, whose verifier checks what it gets. */
    Transport.Inbound inbound(Principal receiver, Consumer<Verified> sink, Consumer<String> dropped) {
        return inbound(receiver, sink, dropped, m -> true, null);
    }

    /**
     * As above, with a filter applied after decoding and before verifying: a message the receiver is sure to
     * ignore whatever its signature (a reply to a request its client no longer waits for) is dropped, counted
     * as {@code ignoredAs}, without paying for its signature. The filter can only discard: nothing it accepts
     * skips verification.
     */
    Transport.Inbound inbound(Consumer<Verified> sink, Consumer<String> dropped,
                              Predicate<Signed<? extends Message>> wanted, String ignoredAs) {
        return inbound(null, sink, dropped, wanted, ignoredAs);
    }

    /**
     * As above for {@code receiver} (null: a pool made with one verifier for all); under the MAC scheme its
     * verifier checks its own authenticator entries, or the reply MACs meant for it.
     */
    Transport.Inbound inbound(Principal receiver, Consumer<Verified> sink, Consumer<String> dropped,
                              Predicate<Signed<? extends Message>> wanted, String ignoredAs) {
        Verifier verifier = Objects.requireNonNull(verifiers.apply(receiver), "no verifier for " + receiver);
        VerifiedBytes cache = new VerifiedBytes(VERIFIED_CACHE_MAX);
        return wire -> {
            try {
                workers.execute(() -> check(wire, verifier, sink, dropped, wanted, ignoredAs, cache));
            } catch (RejectedExecutionException e) {
                if (!workers.isShutdown()) { // after shutdown, nobody counts any more
                    dropped.accept(Metrics.VERIFIER_QUEUE_FULL);
                }
            }
        };
    }

    private void check(byte[] wire, Verifier verifier, Consumer<Verified> sink, Consumer<String> dropped,
                       Predicate<Signed<? extends Message>> wanted, String ignoredAs, VerifiedBytes cache) {
        Signed<? extends Message> message;
        try {
            message = codec.decode(wire);
        } catch (DecodeException e) {
            dropped.accept(Metrics.UNDECODABLE);
            return;
        }
        if (!wanted.test(message)) {
            dropped.accept(ignoredAs);
            return;
        }
        if (cache.contains(wire)) {
            metrics.count(Metrics.VERIFIED_BEFORE);
        } else if (verifier.verifyDeep(message)) {
            cache.add(wire);
            metrics.count(Metrics.VERIFIED);
        } else {
            dropped.accept(Metrics.BAD_SIGNATURE);
            return;
        }
        try {
            sink.accept(new Verified(message));
        } catch (RuntimeException | AssertionError e) {
            metrics.error(e); // a bug in a client core or the hand-off: reported with the result, not lost in a pool
        }
    }

    /** Stops taking work, drops what is queued, and waits for the workers to finish their current message. */
    void shutdown(long timeoutMillis) throws InterruptedException {
        workers.shutdownNow();
        if (!workers.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("verifier threads did not stop within " + timeoutMillis + " ms");
        }
    }
}
