package org.bftref.impl.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.bftref.impl.core.Client;
import org.bftref.impl.core.Config;
import org.bftref.impl.core.Effect;
import org.bftref.impl.core.Input;
import org.bftref.impl.core.MessageSigner;
import org.bftref.impl.core.Replica;
import org.bftref.impl.core.Service;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.crypto.Signer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * Throughput of the pure PBFT cores on one thread: n replicas and many clients over a FIFO in-memory network
 * with no delay, every message signed by its sender and deeply verified by its receiver, as the runtime will
 * do. It measures what the protocol and the cryptography cost, not a network or threads (the runtime issue
 * measures those). Batching comes from many clients with a request outstanding each: once the watermark window
 * is full of pre-prepares, requests queue at the primary and the next PRE-PREPARE takes up to batchSizeMax.
 *
 * <p>A run: {@code clients} clients each submit {@code requestsPerClient} requests, one at a time.
 */
public final class Throughput {

    /**
     * One measured configuration. Where the time went: {@code verifySeconds} in deep verification,
     * {@code signSeconds} in signing (inside the cores' and clients' steps), the rest in the cores, the clients
     * and the loop. {@code batches} counts the PRE-PREPAREs the primary sent, so requests / batches is the
     * mean batch actually formed, which can be far below batchSizeMax.
     */
    public record Result(String scheme, int n, int batchSizeMax, int clients, long requests, double seconds,
                         long messages, long signatureChecks, long batches, double verifySeconds,
                         double signSeconds, double cpuSeconds) {
        public double requestsPerSecond() {
            return requests / seconds;
        }

        /** Requests per second of this thread's CPU time: what an idle core would do, whatever else runs. */
        public double requestsPerCpuSecond() {
            return requests / cpuSeconds;
        }

        public double meanBatch() {
            return batches == 0 ? 0 : (double) requests / batches;
        }
    }

    private Throughput() {
    }

    /** Runs one configuration and returns what it measured; throws if any request did not complete. */
    public static Result run(SignatureScheme scheme, int n, int batchSizeMax, int clients, int requestsPerClient) {
        // A window of 32 sequence numbers in flight: once it is full, requests queue at the primary and batch.
        return run(scheme, n, batchSizeMax, clients, requestsPerClient, 8, 32);
    }

    /**
     * As above with the checkpoint interval and the watermark window: the primary orders a request at once while
     * the window has room, so batches fill up only when clients outnumber the window's sequence numbers many
     * times over (about batchSizeMax times for full batches).
     */
    public static Result run(SignatureScheme scheme, int n, int batchSizeMax, int clients, int requestsPerClient,
                             int checkpointInterval, int watermarkWindow) {
        int f = Config.faultsTolerated(n);
        Config config = new Config(n, f, checkpointInterval, watermarkWindow, batchSizeMax, 1_000_000, false);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        KeyRing keys = KeyRing.fromSeed(scheme, 1, n, clients);
        long[] signNanos = new long[1];
        MessageSigner[] signers = new MessageSigner[n + clients]; // replicas, then clients
        for (int i = 0; i < n + clients; i++) {
            Signer signer = keys.signer(i < n ? Principal.replica(i) : Principal.client(i - n));
            signers[i] = new MessageSigner() {
                @Override
                public <M extends Message> Signed<M> sign(M message) {
                    long t = System.nanoTime();
                    Signed<M> signed = signer.sign(message);
                    signNanos[0] += System.nanoTime() - t;
                    return signed;
                }
            };
        }
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replicas.add(new Replica(config, i, signers[i], Codec::batchDigest,
                    new CounterService()));
        }
        List<Client> cores = new ArrayList<>();
        int[] remaining = new int[clients];
        Deque<Object[]> network = new ArrayDeque<>(); // {Principal to, Signed message}
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(config, c, signers[n + c]);
            cores.add(client);
            remaining[c] = requestsPerClient - 1;
            route(Principal.client(c), client.submit("inc"), n, network);
        }
        long completed = 0;
        long messages = 0;
        long checks = 0;
        long batches = 0;
        long verifyNanos = 0;
        while (!network.isEmpty()) {
            Object[] next = network.poll();
            Principal to = (Principal) next[0];
            Signed<? extends Message> message = cast(next[1]);
            messages++;
            checks++;
            // Each receiver verifies with its own verifier: under the MAC scheme it checks its authenticator entries.
            long t = System.nanoTime();
            boolean ok = keys.verifier(to).verifyDeep(message);
            verifyNanos += System.nanoTime() - t;
            if (!ok) {
                throw new IllegalStateException("a correctly signed message failed verification: " + message);
            }
            List<Effect> out;
            if (to instanceof Principal.Replica r) {
                out = replicas.get(r.id()).step(new Input.Deliver(message));
            } else {
                out = cores.get(to.id()).step(new Input.Deliver(message));
            }
            route(to, out, n, network);
            for (Effect e : out) {
                if (e instanceof Effect.Broadcast b && b.message().message() instanceof Message.PrePrepare) {
                    batches++;
                } else if (e instanceof Effect.Completed done) {
                    completed++;
                    if (remaining[done.client()]-- > 0) {
                        route(to, cores.get(done.client()).submit("inc"), n, network);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long expected = (long) clients * requestsPerClient;
        if (completed != expected) {
            throw new IllegalStateException("only " + completed + " of " + expected + " requests completed");
        }
        return new Result(scheme.name(), n, batchSizeMax, clients, completed, seconds, messages, checks, batches,
                verifyNanos / 1e9, signNanos[0] / 1e9, cpuSeconds);
    }

    @SuppressWarnings("unchecked")
    private static Signed<? extends Message> cast(Object o) {
        return (Signed<? extends Message>) o;
    }

    private static void route(Principal from, List<Effect> effects, int n, Deque<Object[]> network) {
        for (Effect e : effects) {
            if (e instanceof Effect.Broadcast b) {
                for (int r = 0; r < n; r++) {
                    if (!(from instanceof Principal.Replica self && self.id() == r)) {
                        network.add(new Object[] {Principal.replica(r), b.message()});
                    }
                }
            } else if (e instanceof Effect.Send s) {
                network.add(new Object[] {s.to(), s.message()});
            }
        }
    }

    /** The table {@code bftref bench} prints: one row per configuration, with the ratio to the first row. */
    public static String table(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %3s %6s %8s %9s %8s %11s %8s %10s %8s %11s %7s %7s%n",
                "scheme", "n", "batch", "clients", "requests", "seconds", "requests/s", "ratio", "mean batch",
                "CPU s", "req/CPU s", "verify", "sign"));
        double base = results.isEmpty() ? 1 : results.get(0).requestsPerSecond();
        for (Result r : results) {
            out.append(String.format(Locale.ROOT,
                    "%-12s %3d %6d %8d %9d %8.2f %11.0f %7.2fx %10.1f %8.2f %11.0f %6.0f%% %6.0f%%%n",
                    r.scheme(), r.n(), r.batchSizeMax(), r.clients(), r.requests(), r.seconds(),
                    r.requestsPerSecond(), r.requestsPerSecond() / base, r.meanBatch(), r.cpuSeconds(),
                    r.requestsPerCpuSecond(), 100 * r.verifySeconds() / r.seconds(),
                    100 * r.signSeconds() / r.seconds()));
        }
        return out.toString();
    }

    /** A counter: the smallest deterministic service, so the bench measures the protocol, not the service. */
    static final class CounterService implements Service {
        private long value;

        @Override
        public String apply(int client, String operation) {
            return Long.toString(++value);
        }

        @Override
        public byte[] snapshot() {
            return Long.toString(value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restore(byte[] snapshot) {
            value = Long.parseLong(new String(snapshot, StandardCharsets.UTF_8));
        }
    }
}
