package org.bftref.impl.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.crypto.Verifier;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * One receiving replica's inbound side, wired as {@link ReplicaRunner#start} wires it: wire bytes go to a shared
 * {@link VerifierPool}, whose workers hand verified messages to the replica's mailbox. It also keeps, per arrival,
 * whether the pool has finished with it (handed it on, or dropped it and said why), so an arbiter can wait for
 * the pool without guessing.
 */
final class Arrivals {

    /** HMAC keys: the race is in the hand-off, and HMAC keeps each sample cheap. */
    static final KeyRing KEYS = KeyRing.fromSeed(SignatureScheme.HMAC_SHA256, 5, 4, 1);
    static final Verifier VERIFIER = KEYS.verifier();

    /**
     * One pool for the whole test JVM, as one pool serves every replica of a cluster. Two workers, so two
     * arrivals can be checked at once; a queue large enough for every sample jcstress keeps in flight (it
     * sizes a batch of samples to run within one iteration's time). A full queue would still only drop, counted.
     */
    static final VerifierPool POOL = startPool();

    /** How long an arbiter waits for the pool to finish a sample's arrivals before calling them lost. */
    static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    final Mailbox<VerifierPool.Verified> mailbox = new Mailbox<>(16);
    final Transport.Inbound inbound;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger loadDrops = new AtomicInteger();
    private final AtomicInteger badSignature = new AtomicInteger();
    private final AtomicInteger otherDrops = new AtomicInteger();

    Arrivals() {
        inbound = POOL.inbound(v -> {
            if (!mailbox.offer(v)) {
                loadDrops.incrementAndGet(); // MAILBOX_FULL
            }
            finished.incrementAndGet();
        }, reason -> {
            if (reason.equals(Metrics.BAD_SIGNATURE)) {
                badSignature.incrementAndGet();
            } else if (reason.equals(Metrics.VERIFIER_QUEUE_FULL) || reason.equals(Metrics.MAILBOX_FULL)) {
                loadDrops.incrementAndGet();
            } else {
                otherDrops.incrementAndGet();
            }
            finished.incrementAndGet();
        });
    }

    /**
     * The pool's workers are not daemons (RuntimeThreads: a runtime thread left running is a bug to find), so the
     * test JVM would wait for them forever once jcstress's main thread is done. A daemon thread waits for the
     * main thread to end and then shuts the pool down, as a cluster does when it stops.
     */
    private static VerifierPool startPool() {
        VerifierPool pool = new VerifierPool(2, 1 << 16, VERIFIER, new Codec(), new Metrics());
        Thread main = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("main") && t.getThreadGroup() != null
                        && t.getThreadGroup().getName().equals("main"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no main thread to outlive"));
        Thread stopper = new Thread(() -> {
            try {
                main.join();
                pool.shutdown(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jcstress-verifier-pool-stopper");
        stopper.setDaemon(true);
        stopper.start();
        return pool;
    }

    /** A PREPARE signed by replica {@code from} with its own key. */
    static Signed<Message.Prepare> genuine(int from, long n) {
        return KEYS.signer(Principal.replica(from)).sign(prepare(from, n));
    }

    /** The same PREPARE with one bit of its signature flipped: what a forger without the key can send. */
    static Signed<Message.Prepare> forged(int from, long n) {
        byte[] sig = genuine(from, n).signature().bytes();
        sig[0] ^= 1;
        return new Signed<>(prepare(from, n), new Signature(sig));
    }

    private static Message.Prepare prepare(int from, long n) {
        return new Message.Prepare(0, n, Digest.of("request " + n), from);
    }

    static byte[] wire(Signed<?> m) {
        return Codec.encode(m);
    }

    /**
     * Waits (bounded) until the pool has finished {@code arrivals} arrivals: each one handed on or dropped with a
     * reason. False if it did not within {@link #WAIT_NANOS}: an arrival vanished.
     */
    boolean awaitFinished(int arrivals) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (finished.get() < arrivals) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.yield();
        }
        return finished.get() == arrivals;
    }

    int loadDrops() {
        return loadDrops.get();
    }

    int badSignatureDrops() {
        return badSignature.get();
    }

    int otherDrops() {
        return otherDrops.get();
    }

    /** What the replica thread takes now, without waiting. */
    List<Signed<? extends Message>> takeNow(int max) {
        List<Signed<? extends Message>> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            VerifierPool.Verified v = Drain.pollNow(mailbox);
            if (v != null) {
                out.add(v.message());
            }
        }
        return out;
    }

    /** Everything left in the mailbox. */
    List<Signed<? extends Message>> takeAll() {
        List<Signed<? extends Message>> out = new ArrayList<>();
        for (VerifierPool.Verified v : Drain.all(mailbox)) {
            out.add(v.message());
        }
        return out;
    }

    static int count(List<Signed<? extends Message>> delivered, Signed<?> m) {
        int k = 0;
        for (Signed<? extends Message> d : delivered) {
            if (d.equals(m)) { // message and signature bytes both
                k++;
            }
        }
        return k;
    }
}
