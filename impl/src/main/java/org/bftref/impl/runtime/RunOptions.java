package org.bftref.impl.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.bftref.impl.core.Config;
import org.bftref.impl.crypto.SignatureScheme;

/**
 * What a cluster run is: replicas, clients, requests, protocol parameters, runtime sizes. Fluent setters on a
 * mutable object for readability at the call site; {@link Cluster} copies what it needs when it is made, and
 * {@link #validate} says what is wrong, naming the option.
 *
 * <p>The defaults suit a 2-core machine with Ed25519 (see the README's figures), where a request costs about a
 * dozen signatures and checks of some 380 µs each: 1,000 requests, 64 clients, and a watermark window of 8 with a
 * checkpoint every 4. The small window is what makes batches: the primary orders a request at once while the
 * window has room, so with a window as large as the number of clients every batch holds one request (measured:
 * about 28 signature checks per request with a window of 32, 7 with a window of 8). The view-change timeout
 * (2 s) stays above the latency of 64 loaded clients, so that a busy but honest primary is not suspected.
 */
public final class RunOptions {

    /**
     * The most replicas and clients a run takes: each replica and client is threads and queues in this one
     * process, and more than this only measures the machine's scheduler. bench uses the same bounds for its n and
     * --clients (with the same messages, {@link #replicasProblem} and {@link #clientsProblem}).
     */
    public static final int REPLICAS_MAX = 100;
    public static final int CLIENTS_MAX = 10_000;

    private int n = 4;
    private Integer f;
    private int clients = 64;
    private long requests = 1_000;
    private int batchSizeMax = 100;
    private int verifiers = 2;
    private SignatureScheme scheme = SignatureScheme.ED25519;
    private final Map<Integer, ByzantineStrategy> byzantine = new TreeMap<>();
    private long viewChangeTimeoutMillis = 2_000;
    private int checkpointInterval = 4;
    private int watermarkWindow = 8;
    private int mailboxCapacity = 10_000;
    private int verifierQueueCapacity = 20_000;
    private long seed = 1;
    private StorageFactory storage;
    private boolean resume;
    private TraceWriter trace;
    private long timeoutMillis = 120_000;
    private double crashAfter = 1.0 / 3;

    public RunOptions n(int n) {
        this.n = n;
        return this;
    }

    /** Faults tolerated; default (n - 1) / 3. */
    public RunOptions f(int f) {
        this.f = f;
        return this;
    }

    public RunOptions clients(int clients) {
        this.clients = clients;
        return this;
    }

    /** Requests in all, shared among the clients as evenly as possible. */
    public RunOptions requests(long requests) {
        this.requests = requests;
        return this;
    }

    public RunOptions batchSizeMax(int batchSizeMax) {
        this.batchSizeMax = batchSizeMax;
        return this;
    }

    /** Threads that decode and verify arriving messages, shared by every replica and client of the process. */
    public RunOptions verifiers(int verifiers) {
        this.verifiers = verifiers;
        return this;
    }

    public RunOptions scheme(SignatureScheme scheme) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        return this;
    }

    /** Makes replica {@code id} faulty in this way (at most f of them). */
    public RunOptions byzantine(int id, ByzantineStrategy strategy) {
        byzantine.put(id, Objects.requireNonNull(strategy, "strategy"));
        return this;
    }

    public RunOptions viewChangeTimeoutMillis(long millis) {
        this.viewChangeTimeoutMillis = millis;
        return this;
    }

    /**
     * Checkpoint interval and watermark window. The window also decides batching: the primary starts a new
     * PRE-PREPARE at once while the window has room, so requests only queue up into batches once it is full.
     */
    public RunOptions checkpoints(int interval, int window) {
        this.checkpointInterval = interval;
        this.watermarkWindow = window;
        return this;
    }

    public RunOptions mailboxCapacity(int capacity) {
        this.mailboxCapacity = capacity;
        return this;
    }

    public RunOptions verifierQueueCapacity(int capacity) {
        this.verifierQueueCapacity = capacity;
        return this;
    }

    /** Seeds the keys (the run itself is not deterministic: threads are). */
    public RunOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Where replicas persist; default: in memory, kept across in-process stops. */
    public RunOptions storage(StorageFactory storage) {
        this.storage = storage;
        return this;
    }

    /**
     * Whether the cluster resumes from what its storage holds (an earlier cluster on it was killed, or stopped):
     * each replica is recovered from its records, in the view it was in, and the clients number their requests
     * above the earlier clusters' (see {@link StorageFactory#beginIncarnation}). Default false: the storage must
     * be empty, so that two histories never mix in one log by mistake.
     */
    public RunOptions resume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /** Writes honest replicas' protocol steps here; the caller closes it after the run. Default: no trace. */
    public RunOptions trace(TraceWriter trace) {
        this.trace = trace;
        return this;
    }

    /** How long {@link Cluster#run} waits for the requests before it gives up. */
    public RunOptions timeoutMillis(long millis) {
        this.timeoutMillis = millis;
        return this;
    }

    /** For a CRASH replica: the share of the requests completed (0..1) at which it stops. Default 1/3. */
    public RunOptions crashAfter(double share) {
        this.crashAfter = share;
        return this;
    }

    public int n() {
        return n;
    }

    public int f() {
        return f != null ? f : Config.faultsTolerated(n);
    }

    public int clients() {
        return clients;
    }

    public long requests() {
        return requests;
    }

    public int batchSizeMax() {
        return batchSizeMax;
    }

    public int verifiers() {
        return verifiers;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    public Map<Integer, ByzantineStrategy> byzantine() {
        return Collections.unmodifiableMap(new TreeMap<>(byzantine));
    }

    public long viewChangeTimeoutMillis() {
        return viewChangeTimeoutMillis;
    }

    public int mailboxCapacity() {
        return mailboxCapacity;
    }

    public int verifierQueueCapacity() {
        return verifierQueueCapacity;
    }

    public long seed() {
        return seed;
    }

    public StorageFactory storage() {
        return storage != null ? storage : StorageFactory.inMemory();
    }

    public boolean resume() {
        return resume;
    }

    public TraceWriter trace() {
        return trace;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    public double crashAfter() {
        return crashAfter;
    }

    /** The protocol configuration every replica and client shares. */
    public Config config() {
        return new Config(n, f(), checkpointInterval, watermarkWindow, batchSizeMax, viewChangeTimeoutMillis, false);
    }

    /**
     * Checks the options; the message names the first bad option as {@code --name}, the way the CLI spells it.
     *
     * @throws IllegalArgumentException if an option is out of range
     */
    public RunOptions validate() {
        require(replicasProblem(n) == null, replicasProblem(n));
        require(f() >= 0 && n >= 3 * f() + 1, "--f: n=" + n + " cannot tolerate f=" + f() + ": PBFT needs n >= 3f+1");
        require(clientsProblem(clients) == null, clientsProblem(clients));
        require(requests >= 0, "--requests must be >= 0, was " + requests);
        require(batchSizeMax >= 1 && batchSizeMax <= 1024, "--batch must be in 1..1024, was " + batchSizeMax);
        require(verifiers >= 1 && verifiers <= 256, "--verifiers must be in 1..256, was " + verifiers);
        require(viewChangeTimeoutMillis >= 1, "--view-change-timeout must be positive, was " + viewChangeTimeoutMillis);
        require(mailboxCapacity >= 1 && verifierQueueCapacity >= 1, "queue capacities must be positive");
        require(timeoutMillis >= 1, "--timeout must be positive, was " + timeoutMillis);
        require(crashAfter >= 0 && crashAfter <= 1, "crashAfter must be in 0..1, was " + crashAfter);
        require(byzantine.size() <= f(), "--byzantine: " + byzantine.size() + " faulty replicas, but f=" + f());
        for (int id : byzantine.keySet()) {
            require(id >= 0 && id < n, "--byzantine: replica " + id + " outside 0.." + (n - 1));
        }
        try {
            config();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--checkpoints: " + e.getMessage(), e);
        }
        return this;
    }

    /** What is wrong with {@code n} replicas as {@code --n} (one line), or null if nothing. */
    public static String replicasProblem(int n) {
        return n >= 1 && n <= REPLICAS_MAX ? null : "--n must be in 1.." + REPLICAS_MAX + ", was " + n;
    }

    /** What is wrong with {@code clients} as {@code --clients} (one line), or null if nothing. */
    public static String clientsProblem(int clients) {
        return clients >= 1 && clients <= CLIENTS_MAX ? null
                : "--clients must be in 1.." + CLIENTS_MAX + ", was " + clients;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
