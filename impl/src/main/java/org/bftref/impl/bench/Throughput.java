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
import org.bftref.impl.core.Replica;
import org.bftref.impl.core.Service;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.crypto.Verifier;
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

    /** One measured configuration. */
    public record Result(String scheme, int n, int batchSizeMax, int clients, long requests, double seconds,
                         long messages, long signatureChecks) {
        public double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private Throughput() {
    }

    /** Runs one configuration and returns what it measured; throws if any request did not complete. */
    public static Result run(SignatureScheme scheme, int n, int batchSizeMax, int clients, int requestsPerClient) {
        int f = (n - 1) / 3;
        // A window of 32 sequence numbers in flight: once it is full, requests queue at the primary and batch.
        Config config = new Config(n, f, 8, 32, batchSizeMax, 1_000_000, false);
        KeyRing keys = KeyRing.fromSeed(scheme, 1, n, clients);
        Verifier verifier = keys.verifier();
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replicas.add(new Replica(config, i, keys.signer(Principal.replica(i))::sign, Codec::batchDigest,
                    new CounterService()));
        }
        List<Client> cores = new ArrayList<>();
        int[] remaining = new int[clients];
        Deque<Object[]> network = new ArrayDeque<>(); // {Principal to, Signed message}
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(config, c, keys.signer(Principal.client(c))::sign);
            cores.add(client);
            remaining[c] = requestsPerClient - 1;
            route(Principal.client(c), client.submit("inc"), n, network);
        }
        long completed = 0;
        long messages = 0;
        long checks = 0;
        while (!network.isEmpty()) {
            Object[] next = network.poll();
            Principal to = (Principal) next[0];
            Signed<? extends Message> message = cast(next[1]);
            messages++;
            checks++;
            if (!verifier.verifyDeep(message)) {
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
                if (e instanceof Effect.Completed done) {
                    completed++;
                    if (remaining[done.client()]-- > 0) {
                        route(to, cores.get(done.client()).submit("inc"), n, network);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long expected = (long) clients * requestsPerClient;
        if (completed != expected) {
            throw new IllegalStateException("only " + completed + " of " + expected + " requests completed");
        }
        return new Result(scheme.name(), n, batchSizeMax, clients, completed, seconds, messages, checks);
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
        out.append(String.format(Locale.ROOT, "%-14s %3s %6s %8s %9s %8s %11s %8s%n",
                "scheme", "n", "batch", "clients", "requests", "seconds", "requests/s", "ratio"));
        double base = results.isEmpty() ? 1 : results.get(0).requestsPerSecond();
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%-14s %3d %6d %8d %9d %8.2f %11.0f %7.2fx%n", r.scheme(), r.n(),
                    r.batchSizeMax(), r.clients(), r.requests(), r.seconds(), r.requestsPerSecond(),
                    r.requestsPerSecond() / base));
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
