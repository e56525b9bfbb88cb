package org.bftref.impl.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.Replica;
import org.bftref.impl.core.Storage;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.crypto.Signer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;
import org.bftref.impl.sim.LogService;

/**
 * n replicas and a set of closed-loop clients in one process, each replica core on its own thread, messages
 * crossing an {@link InMemoryTransport} as wire bytes and verified on a shared {@link VerifierPool} before any
 * core sees them, timers on one scheduler thread.
 *
 * <p>Use {@link #run} for a whole run, or drive it step by step (what tests of crashes do): {@link #start},
 * {@link #submit}, {@link #awaitCompleted}, {@link #crash} and {@link #restart} a replica, {@link #stop}. After
 * {@link #stop} (or {@link #close}) no thread of the runtime is left. A cluster starts on empty storage, or, with
 * {@link RunOptions#resume}, on what an earlier cluster left there (killed with {@code kill -9}, say).
 *
 * <p>Threads: every public method is meant for one owning thread (a test's, the CLI's); the runtime's own threads
 * only ever touch the shared parts (transport, verifier pool, scheduler, metrics, trace writer), each of which
 * says how it is shared. The completion counters are atomic because clients update them from verifier threads.
 */
public final class Cluster implements AutoCloseable {

    private final RunOptions options;
    private final Config config;
    private final KeyRing keys;
    private final Metrics metrics = new Metrics();
    private final InMemoryTransport transport;
    private final VerifierPool verifiers;
    private final ScheduledThreadPoolExecutor scheduler;
    private final StorageFactory storage;
    private final RuntimeContext context;
    private final ReplicaNode[] replicas;
    private final List<RuntimeClient> clients = new ArrayList<>();

    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong lastCompletionNanos = new AtomicLong();
    private long submittedAtNanos;
    private long submittedAtCpuNanos;
    private final AtomicLong lastCompletionCpuNanos = new AtomicLong();
    private boolean started;
    private long incarnation;
    private RunResult result;

    /** A cluster as the options say, not started yet; the options are checked first. */
    public Cluster(RunOptions options) {
        this(options, null);
    }

    /** With a test hook that sees every message a replica core takes, on that replica's thread, just before. */
    Cluster(RunOptions options, BiConsumer<Integer, Signed<? extends Message>> delivered) {
        this.options = options.validate();
        this.config = options.config();
        this.keys = KeyRing.fromSeed(options.scheme(), options.seed(), options.n(), options.clients());
        this.transport = new InMemoryTransport(options.n(), metrics);
        this.verifiers = new VerifierPool(options.verifiers(), options.verifierQueueCapacity(), keys::verifier,
                new Codec(), metrics);
        this.scheduler = new ScheduledThreadPoolExecutor(1, new RuntimeThreads("timers"));
        scheduler.setRemoveOnCancelPolicy(true); // cancelled timers leave the queue at once, not when they would expire
        this.storage = options.storage();
        this.context = new RuntimeContext(config, keys, transport, verifiers, scheduler, metrics, options.trace(),
                delivered);
        this.replicas = new ReplicaNode[options.n()];
        long perClient = options.requests() / options.clients();
        long extra = options.requests() % options.clients();
        for (int c = 0; c < options.clients(); c++) {
            int share = Math.toIntExact(perClient + (c < extra ? 1 : 0));
            clients.add(new RuntimeClient(c, share, context, this::completedAt));
        }
    }

    /** A whole run: start, submit every request, crash a CRASH replica on the way, wait, stop. */
    public static RunResult run(RunOptions options) throws InterruptedException {
        try (Cluster cluster = new Cluster(options)) {
            long deadline = System.currentTimeMillis() + options.timeoutMillis();
            cluster.start();
            cluster.submit();
            for (Map.Entry<Integer, ByzantineStrategy> b : options.byzantine().entrySet()) {
                if (b.getValue() == ByzantineStrategy.CRASH) {
                    long at = (long) Math.ceil(options.requests() * options.crashAfter());
                    cluster.awaitCompleted(at, deadline - System.currentTimeMillis());
                    cluster.crash(b.getKey());
                }
            }
            if (cluster.awaitCompleted(options.requests(), deadline - System.currentTimeMillis())) {
                // Laggards (a replica an equivocating primary left behind, say) catch up through STATUS and
                // state transfer; give them a few status periods, not more: lagging is no safety problem.
                long settle = Math.min(Math.max(0, deadline - System.currentTimeMillis()),
                        Math.max(2_000, 3 * options.viewChangeTimeoutMillis()));
                cluster.awaitCaughtUp(settle);
            }
            return cluster.stop();
        }
    }

    /** Starts the replicas (clients wait for {@link #submit}); a trace gets its header first. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        if (options.trace() != null) {
            options.trace().header(config, options.byzantine().keySet(), options.seed());
        }
        Storage[] stores = new Storage[replicas.length];
        try {
            boolean holdsRecords = false;
            for (int r = 0; r < replicas.length; r++) {
                if (options.byzantine().get(r) != ByzantineStrategy.SILENT) {
                    stores[r] = storage.open(r);
                    holdsRecords |= !stores[r].records().isEmpty();
                    if (!options.resume() && !stores[r].records().isEmpty()) {
                        // A fresh core on top of another run's records would mix two histories in one log.
                        throw new IllegalStateException("replica " + r + "'s storage already holds "
                                + stores[r].records().size() + " records of an earlier run; a cluster starts from "
                                + "empty storage unless it resumes");
                    }
                }
            }
            incarnation = storage.beginIncarnation(identity(), options.resume(), holdsRecords);
        } catch (RuntimeException e) {
            for (Storage store : stores) {
                closeQuietly(store);
            }
            throw e;
        }
        for (int r = 0; r < replicas.length; r++) {
            ByzantineStrategy strategy = options.byzantine().get(r);
            if (strategy == ByzantineStrategy.SILENT) {
                replicas[r] = new SilentReplica(r, context);
            } else {
                LogService service = new LogService();
                // Resuming, every replica comes back from its records (in its view, with its votes): a restart.
                Replica core = options.resume()
                        ? Replica.recover(config, r, signer(r)::sign, Codec::batchDigest, service, stores[r].records())
                        : new Replica(config, r, signer(r)::sign, Codec::batchDigest, service);
                replicas[r] = new ReplicaRunner(r, core, service, stores[r], context, options.mailboxCapacity(),
                        strategy);
            }
            replicas[r].start();
        }
    }

    /**
     * What every cluster on one storage must share: the replicas, the keys (the records hold messages signed
     * with them) and the checkpoint layout (the records hold checkpoints at its multiples).
     */
    private String identity() {
        return "n=" + config.n() + " f=" + config.f() + " scheme=" + options.scheme().name() + " seed="
                + options.seed() + " checkpointInterval=" + config.checkpointInterval() + " watermarkWindow="
                + config.watermarkWindow();
    }

    /** How many clusters ran on this storage before this one (0 for the first); set by {@link #start}. */
    public long incarnation() {
        return incarnation;
    }

    /** Every client submits its first request; each submits its next when one completes. */
    public synchronized void submit() {
        requireRunning();
        submittedAtNanos = System.nanoTime();
        submittedAtCpuNanos = processCpuNanos();
        for (RuntimeClient c : clients) {
            c.begin(incarnation);
        }
    }

    /** Requests completed so far. */
    public long completed() {
        return completed.get();
    }

    /** Waits until at least {@code count} requests completed; false if the timeout passed first. */
    public boolean awaitCompleted(long count, long timeoutMillis) throws InterruptedException {
        return awaitTrue(() -> completed.get() >= count, timeoutMillis);
    }

    /** Waits until every honest replica that is up has executed as far as the others; false on timeout. */
    public boolean awaitCaughtUp(long timeoutMillis) throws InterruptedException {
        return awaitTrue(this::caughtUp, timeoutMillis);
    }

    /**
     * Stops a replica abruptly, in process: its thread ends (mid-step if it was in one), its queued messages and
     * timers are lost, what arrives for it from now on is lost; its storage is kept for {@link #restart}.
     */
    public synchronized void crash(int replica) {
        requireRunning();
        replicas[replica].halt();
        metrics.count(Metrics.CRASHES);
    }

    /**
     * Restarts a stopped replica from its storage ({@link Replica#recover}) with a fresh service: it rejoins in
     * the view it was in, and learns what it missed from its peers (STATUS, then state transfer).
     */
    public synchronized void restart(int replica) {
        requireRunning();
        ReplicaNode old = replicas[replica];
        if (old.up()) {
            throw new IllegalStateException("replica " + replica + " is up; crash it first");
        }
        if (!(old instanceof ReplicaRunner)) {
            throw new IllegalStateException("replica " + replica + " is silent and has nothing to restart");
        }
        LogService service = new LogService();
        Storage store = storage.open(replica);
        Replica core = Replica.recover(config, replica, signer(replica)::sign, Codec::batchDigest, service,
                store.records());
        replicas[replica] = new ReplicaRunner(replica, core, service, store, context, options.mailboxCapacity(),
                options.byzantine().get(replica));
        replicas[replica].start();
        metrics.count(Metrics.RESTARTS);
    }

    /** Whether the replica is running now. */
    public synchronized boolean isUp(int replica) {
        return replicas[replica] != null && replicas[replica].up();
    }

    /**
     * The highest sequence number the replica has executed (or reached by adopting a state), as its thread last
     * published it; and its view. Slightly stale while it runs; for watching a replica catch up.
     */
    public synchronized long lastExecuted(int replica) {
        return replicas[replica] == null ? 0 : replicas[replica].lastExecuted();
    }

    public synchronized long view(int replica) {
        return replicas[replica] == null ? 0 : replicas[replica].view();
    }

    /** The transport, for tests that put raw bytes on the wire. */
    public InMemoryTransport transport() {
        return transport;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Config config() {
        return config;
    }

    /**
     * Stops clients, replicas, verifiers and the timer thread, waits for every thread to end, and returns what
     * the run measured. Idempotent: a second call returns the same result.
     */
    public synchronized RunResult stop() throws InterruptedException {
        if (result != null) {
            return result;
        }
        // What the run counted, before shutting down adds noise (messages to replicas already stopped).
        Map<String, Long> drops = metrics.drops();
        Map<String, Long> clientDrops = metrics.clientDrops();
        Map<String, Long> counters = metrics.snapshot();
        boolean caughtUp = started && caughtUp();
        boolean[] upAtEnd = new boolean[replicas.length];
        for (RuntimeClient c : clients) {
            c.stop();
        }
        for (int r = 0; r < replicas.length; r++) {
            if (replicas[r] != null) {
                upAtEnd[r] = replicas[r].up();
                replicas[r].halt();
            }
        }
        verifiers.shutdown(10_000);
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the timer thread did not stop within 10 s");
        }
        transport.close();
        result = result(drops, clientDrops, counters, caughtUp, upAtEnd);
        return result;
    }

    /** Stops if {@link #stop} was not called; for try-with-resources. */
    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private RunResult result(Map<String, Long> drops, Map<String, Long> clientDrops, Map<String, Long> counters,
                             boolean caughtUp, boolean[] upAtEnd) {
        List<long[]> perClient = new ArrayList<>();
        int total = 0;
        for (RuntimeClient c : clients) {
            long[] l = c.latenciesNanos();
            perClient.add(l);
            total += l.length;
        }
        long[] latencies = new long[total];
        int k = 0;
        for (long[] l : perClient) {
            System.arraycopy(l, 0, latencies, k, l.length);
            k += l.length;
        }
        long done = completed.get();
        double seconds = done == 0 ? 0 : (lastCompletionNanos.get() - submittedAtNanos) / 1e9;
        long cpuEnd = lastCompletionCpuNanos.get() > 0 ? lastCompletionCpuNanos.get() : processCpuNanos();
        double cpuSeconds = submittedAtCpuNanos < 0 || cpuEnd < 0 ? 0 : (cpuEnd - submittedAtCpuNanos) / 1e9;
        List<RunResult.ReplicaState> states = new ArrayList<>();
        List<List<String>> honestHistories = new ArrayList<>();
        for (int r = 0; r < replicas.length; r++) {
            ReplicaNode node = replicas[r];
            if (node == null) {
                continue;
            }
            List<String> history = node.history();
            if (node.honest() && history != null) {
                honestHistories.add(history);
            }
            states.add(new RunResult.ReplicaState(r, node.honest(), upAtEnd[r], node.view(), node.lastExecuted(),
                    node.stateDigest(), history == null ? null : history.size()));
        }
        Throwable error = metrics.firstError();
        return new RunResult(config.n(), config.f(), options.scheme().name(), config.batchSizeMax(),
                options.clients(), options.verifiers(), options.requests(), done, seconds, cpuSeconds,
                RunResult.percentileMillis(latencies, 50), RunResult.percentileMillis(latencies, 99),
                metrics.viewChanges(), drops, clientDrops, counters, states, prefixConsistent(honestHistories),
                caughtUp, error == null ? null : error.toString());
    }

    /** Agreement on the services' histories: of any two, one is a prefix of the other. */
    static boolean prefixConsistent(List<List<String>> histories) {
        for (List<String> a : histories) {
            for (List<String> b : histories) {
                int common = Math.min(a.size(), b.size());
                if (!a.subList(0, common).equals(b.subList(0, common))) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean caughtUp() {
        long executed = -1;
        for (ReplicaNode node : replicas) {
            if (node != null && node.honest() && node.up()) {
                if (executed >= 0 && node.lastExecuted() != executed) {
                    return false;
                }
                executed = node.lastExecuted();
            }
        }
        return true;
    }

    private void completedAt(long nanos) {
        if (completed.incrementAndGet() == options.requests()) {
            lastCompletionCpuNanos.set(processCpuNanos()); // the last one: a system call once per run, not per request
        }
        lastCompletionNanos.accumulateAndGet(nanos, Math::max);
    }

    /** CPU time of the whole process, all threads; -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static void closeQuietly(Storage store) {
        if (store instanceof AutoCloseable c) { // null is no instance: nothing to close
            try {
                c.close();
            } catch (Exception ignored) {
                // it is being given up anyway; the exception thrown instead says why
            }
        }
    }

    private Signer signer(int replica) {
        return keys.signer(Principal.replica(replica));
    }

    private void requireRunning() {
        if (!started || result != null) {
            throw new IllegalStateException(started ? "the cluster has stopped" : "start the cluster first");
        }
    }

    private static boolean awaitTrue(java.util.function.BooleanSupplier condition, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(2); // polling keeps this simple; 2 ms is far below any latency that matters here
        }
        return true;
    }
}
