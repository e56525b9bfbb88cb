package org.bftref.impl.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.Mutant;
import org.bftref.impl.crypto.SignatureScheme;

/**
 * Everything a simulated run depends on besides its choices: the deployment (n, f, clients and their load, the
 * protocol's parameters), the network before and after global stabilisation time (GST), the faulty replicas
 * and their strategies, crashes of honest replicas, deliberately broken rules, and the limits. Plain values
 * only, so that it can be written to and read from a scenario file ({@link ScenarioFile}) and compared.
 *
 * <p>The seed is part of the scenario: {@code Simulator.run(scenario)} draws its choices from it, so a scenario
 * alone reproduces a run.
 *
 * @param seed                    seeds the choices and the key ring
 * @param n                       replicas, numbered 0 .. n-1
 * @param f                       faults tolerated; at most (n-1)/3 unless {@code allowUnsafe}
 * @param clients                 clients, numbered 0 .. clients-1
 * @param requestsPerClient       each client submits this many operations, one after the other
 * @param batchSizeMax            at most this many requests in one PRE-PREPARE
 * @param checkpointInterval      a checkpoint every this many sequence numbers
 * @param watermarkWindow         H - h; a multiple of checkpointInterval
 * @param viewChangeTimeoutMillis the request and new-view timers, and the clients' retry timer
 * @param scheme                  "hmac" (fast, for many runs), "ed25519", or "ed25519-mac" (Ed25519 between
 *                                replicas, MAC authenticators on requests and MACs on replies, as PBFT)
 * @param network                 delays, losses and partitions before and after GST
 * @param byzantine               faulty replicas and how they misbehave; at most f unless {@code allowUnsafe}
 * @param crashes                 crashes (and restarts) of honest replicas
 * @param mutants                 protocol rules broken on purpose in every honest replica (mutation testing)
 * @param maxVirtualMillis        the run stops at this virtual time (TIME_LIMIT)
 * @param maxEvents               the run stops after this many events (EVENT_LIMIT): a limit on everything
 * @param allowUnsafe             permits n < 3f+1 and more than f faulty replicas, for negative tests
 * @param recordTrace             keep every trace event of honest replicas, with its virtual time
 * @param checkWireFormat         send every delivered message through the codec (slower; finds codec bugs)
 */
public record Scenario(long seed, int n, int f, int clients, int requestsPerClient, int batchSizeMax,
                       int checkpointInterval, int watermarkWindow, long viewChangeTimeoutMillis, String scheme,
                       Network network, Map<Integer, Strategy> byzantine, List<Crash> crashes, Set<Mutant> mutants,
                       long maxVirtualMillis, long maxEvents, boolean allowUnsafe, boolean recordTrace,
                       boolean checkWireFormat) {

    /** Upper bounds that keep a scenario (or a fuzzer's) from asking for more than a simulation can hold. */
    static final int MAX_N = 100;
    static final int MAX_CLIENTS = 10_000;
    static final int MAX_REQUESTS_PER_CLIENT = 100_000;
    static final long MAX_MILLIS = 1_000_000_000L;

    public Scenario {
        atLeast("n", n, 1);
        atMost("n", n, MAX_N);
        atLeast("f", f, 0);
        if (!allowUnsafe && f > Config.faultsTolerated(n)) {
            throw new InvalidScenarioException("f", "must be <= (n-1)/3 = " + Config.faultsTolerated(n) + " for n=" + n
                    + ", was " + f + " (PBFT needs n >= 3f+1; set allowUnsafe for a negative test)");
        }
        atLeast("clients", clients, 0);
        atMost("clients", clients, MAX_CLIENTS);
        atLeast("requestsPerClient", requestsPerClient, 0);
        atMost("requestsPerClient", requestsPerClient, MAX_REQUESTS_PER_CLIENT);
        atLeast("batchSizeMax", batchSizeMax, 1);
        atLeast("checkpointInterval", checkpointInterval, 1);
        atLeast("watermarkWindow", watermarkWindow, checkpointInterval);
        if (watermarkWindow % checkpointInterval != 0) {
            throw new InvalidScenarioException("watermarkWindow", "must be a multiple of checkpointInterval="
                    + checkpointInterval + ", was " + watermarkWindow);
        }
        atLeast("viewChangeTimeoutMillis", viewChangeTimeoutMillis, 1);
        atMost("viewChangeTimeoutMillis", viewChangeTimeoutMillis, MAX_MILLIS);
        if (SignatureScheme.named(scheme) == null) {
            throw new InvalidScenarioException("scheme", "must be one of " + SignatureScheme.NAMES + ", was " + quote(scheme));
        }
        if (network == null) {
            throw new InvalidScenarioException("network", "is required");
        }
        for (int i = 0; i < network.partitions().size(); i++) {
            for (int r : network.partitions().get(i).replicas()) {
                replicaId("network.partitions[" + i + "].replicas", r, n);
            }
        }

        if (byzantine == null) {
            throw new InvalidScenarioException("byzantine", "is required (may be empty)");
        }
        TreeMap<Integer, Strategy> faulty = new TreeMap<>();
        for (Map.Entry<Integer, Strategy> e : byzantine.entrySet()) {
            if (e.getKey() == null) {
                throw new InvalidScenarioException("byzantine", "a replica id is missing");
            }
            replicaId("byzantine." + e.getKey(), e.getKey(), n);
            if (e.getValue() == null) {
                throw new InvalidScenarioException("byzantine." + e.getKey(), "needs a strategy, one of "
                        + List.of(Strategy.values()));
            }
            faulty.put(e.getKey(), e.getValue());
        }
        if (!allowUnsafe && faulty.size() > f) {
            throw new InvalidScenarioException("byzantine", "at most f=" + f + " replicas may be faulty, "
                    + faulty.size() + " are " + faulty.keySet() + " (set allowUnsafe for a negative test)");
        }
        byzantine = Collections.unmodifiableMap(faulty);

        if (crashes == null) {
            throw new InvalidScenarioException("crashes", "is required (may be empty)");
        }
        crashes = List.copyOf(crashes);
        Map<Integer, Long> upAgainAt = new TreeMap<>();
        for (int i = 0; i < crashes.size(); i++) {
            Crash c = crashes.get(i);
            String at = "crashes[" + i + "]";
            replicaId(at + ".replica", c.replica(), n);
            if (faulty.containsKey(c.replica())) {
                throw new InvalidScenarioException(at + ".replica", "replica " + c.replica()
                        + " is Byzantine; crashes are for honest replicas (use the CRASH strategy)");
            }
            Long previous = upAgainAt.get(c.replica());
            if (previous != null && (previous < 0 || c.crashAtMillis() <= previous)) {
                throw new InvalidScenarioException(at + ".crashAtMillis", "replica " + c.replica()
                        + " is still down then: crash it again only after its previous restart"
                        + (previous < 0 ? " (it never restarts)" : " at " + previous));
            }
            upAgainAt.put(c.replica(), c.restartAtMillis());
        }

        if (mutants == null) {
            throw new InvalidScenarioException("mutants", "is required (may be empty)");
        }
        mutants = Collections.unmodifiableSet(mutants.isEmpty() ? EnumSet.noneOf(Mutant.class) : EnumSet.copyOf(mutants));
        atLeast("maxVirtualMillis", maxVirtualMillis, 1);
        atMost("maxVirtualMillis", maxVirtualMillis, MAX_MILLIS);
        atLeast("maxEvents", maxEvents, 1);
    }

    /**
     * A mildly faulty scenario for n replicas: f = (n-1)/3 and nobody Byzantine, 2 clients with 3 requests
     * each, delays of 1..40 ms with 2% loss and 2% duplication until GST at 1.5 s, then at most 10 ms.
     */
    public static Scenario defaults(long seed, int n) {
        return new Scenario(seed, n, Config.faultsTolerated(n), 2, 3, 4, 8, 32, 400, "hmac",
                Network.defaults(), Map.of(), List.of(), Set.of(), 60_000, 2_000_000, false, false, false);
    }

    /** The core's configuration for this scenario. */
    public Config config() {
        return new Config(n, f, checkpointInterval, watermarkWindow, batchSizeMax, viewChangeTimeoutMillis, allowUnsafe);
    }

    /** The signature scheme named by {@link #scheme}. */
    public SignatureScheme signatureScheme() {
        return SignatureScheme.named(scheme);
    }

    /** Whether replica {@code id} is faulty in this scenario. */
    public boolean isByzantine(int id) {
        return byzantine.containsKey(id);
    }

    /** The number of client operations the scenario asks for. */
    public long operations() {
        return (long) clients * requestsPerClient;
    }

    // ------------------------------------------------------------------------------------------------
    // One field changed at a time. Each returns a new, validated scenario.

    public Scenario withSeed(long seed) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    /** n and f together, since one usually constrains the other. */
    public Scenario withSize(int n, int f) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withClients(int clients, int requestsPerClient) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withBatchSizeMax(int batchSizeMax) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withCheckpoints(int checkpointInterval, int watermarkWindow) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withViewChangeTimeoutMillis(long viewChangeTimeoutMillis) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withScheme(String scheme) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withNetwork(Network network) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withByzantine(Map<Integer, Strategy> byzantine) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    /** Adds (or replaces) one faulty replica. */
    public Scenario withByzantine(int replica, Strategy strategy) {
        Map<Integer, Strategy> more = new TreeMap<>(byzantine);
        more.put(replica, strategy);
        return withByzantine(more);
    }

    public Scenario withCrashes(List<Crash> crashes) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    /** Adds one crash of an honest replica; {@code restartAtMillis} -1 means it stays down. */
    public Scenario withCrash(int replica, long crashAtMillis, long restartAtMillis) {
        List<Crash> more = new ArrayList<>(crashes);
        more.add(new Crash(replica, crashAtMillis, restartAtMillis));
        return withCrashes(more);
    }

    public Scenario withMutants(Set<Mutant> mutants) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withLimits(long maxVirtualMillis, long maxEvents) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withAllowUnsafe(boolean allowUnsafe) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withRecordTrace(boolean recordTrace) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    public Scenario withCheckWireFormat(boolean checkWireFormat) {
        return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval, watermarkWindow,
                viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants, maxVirtualMillis, maxEvents,
                allowUnsafe, recordTrace, checkWireFormat);
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * The network: before GST, each message takes a delay in [minDelayMillis, maxDelayMillis], is lost with
     * dropPercent, duplicated with duplicatePercent (the copy takes its own delay), and lost if it crosses an
     * active partition; reordering follows from independent delays. A message sent at or after GST is
     * delivered exactly once within [min(minDelayMillis, maxDelayAfterGstMillis), maxDelayAfterGstMillis].
     * Every partition heals by GST. Messages to and from clients take the same network.
     */
    public record Network(long minDelayMillis, long maxDelayMillis, int dropPercent, int duplicatePercent,
                          long gstMillis, long maxDelayAfterGstMillis, List<Partition> partitions) {

        public Network {
            atLeast("network.minDelayMillis", minDelayMillis, 0);
            atMost("network.minDelayMillis", minDelayMillis, MAX_MILLIS);
            atLeast("network.maxDelayMillis", maxDelayMillis, minDelayMillis);
            atMost("network.maxDelayMillis", maxDelayMillis, MAX_MILLIS);
            atLeast("network.dropPercent", dropPercent, 0);
            atMost("network.dropPercent", dropPercent, 100);
            atLeast("network.duplicatePercent", duplicatePercent, 0);
            atMost("network.duplicatePercent", duplicatePercent, 100);
            atLeast("network.gstMillis", gstMillis, 0);
            atMost("network.gstMillis", gstMillis, MAX_MILLIS);
            atLeast("network.maxDelayAfterGstMillis", maxDelayAfterGstMillis, 0);
            atMost("network.maxDelayAfterGstMillis", maxDelayAfterGstMillis, MAX_MILLIS);
            if (partitions == null) {
                throw new InvalidScenarioException("network.partitions", "is required (may be empty)");
            }
            partitions = List.copyOf(partitions);
            for (int i = 0; i < partitions.size(); i++) {
                Partition p = partitions.get(i);
                String at = "network.partitions[" + i + "]";
                atLeast(at + ".fromMillis", p.fromMillis(), 0);
                atLeast(at + ".untilMillis", p.untilMillis(), p.fromMillis() + 1);
                if (p.untilMillis() > gstMillis) {
                    throw new InvalidScenarioException(at + ".untilMillis", "every partition must heal by GST ("
                            + gstMillis + " ms), was " + p.untilMillis());
                }
                if (p.replicas().isEmpty()) {
                    throw new InvalidScenarioException(at + ".replicas", "must name at least one replica");
                }
            }
        }

        /** 1..40 ms, 2% lost, 2% duplicated until GST at 1500 ms; at most 10 ms after. */
        public static Network defaults() {
            return new Network(1, 40, 2, 2, 1_500, 10, List.of());
        }

        /** No loss, duplication or partition at any time; delays in [minDelayMillis, maxDelayMillis]. */
        public static Network reliable(long minDelayMillis, long maxDelayMillis) {
            return new Network(minDelayMillis, maxDelayMillis, 0, 0, 0, maxDelayMillis, List.of());
        }

        public Network withDelays(long minDelayMillis, long maxDelayMillis) {
            return new Network(minDelayMillis, maxDelayMillis, dropPercent, duplicatePercent, gstMillis,
                    maxDelayAfterGstMillis, partitions);
        }

        public Network withDropPercent(int dropPercent) {
            return new Network(minDelayMillis, maxDelayMillis, dropPercent, duplicatePercent, gstMillis,
                    maxDelayAfterGstMillis, partitions);
        }

        public Network withDuplicatePercent(int duplicatePercent) {
            return new Network(minDelayMillis, maxDelayMillis, dropPercent, duplicatePercent, gstMillis,
                    maxDelayAfterGstMillis, partitions);
        }

        public Network withGst(long gstMillis, long maxDelayAfterGstMillis) {
            return new Network(minDelayMillis, maxDelayMillis, dropPercent, duplicatePercent, gstMillis,
                    maxDelayAfterGstMillis, partitions);
        }

        public Network withPartitions(List<Partition> partitions) {
            return new Network(minDelayMillis, maxDelayMillis, dropPercent, duplicatePercent, gstMillis,
                    maxDelayAfterGstMillis, partitions);
        }

        /** Whether a message sent at {@code atMillis} between a and b (replica ids, or -1 for a client) is cut. */
        public boolean cut(long atMillis, int a, int b) {
            for (Partition p : partitions) {
                if (p.active(atMillis) && p.replicas().contains(a) != p.replicas().contains(b)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * From fromMillis (inclusive) until untilMillis (exclusive), the replicas listed are cut off from the rest
     * (the other replicas and every client): messages sent across the cut in that time are lost.
     */
    public record Partition(long fromMillis, long untilMillis, Set<Integer> replicas) {
        public Partition {
            if (replicas == null) {
                throw new InvalidScenarioException("replicas", "is required");
            }
            replicas = Collections.unmodifiableSet(new TreeSet<>(replicas));
        }

        public static Partition of(long fromMillis, long untilMillis, Collection<Integer> replicas) {
            return new Partition(fromMillis, untilMillis, new TreeSet<>(replicas));
        }

        public boolean active(long atMillis) {
            return fromMillis <= atMillis && atMillis < untilMillis;
        }
    }

    /**
     * An honest replica crashes at crashAtMillis: it loses everything but its storage, and misses every message
     * and timer until it restarts at restartAtMillis (-1: never) from its storage.
     */
    public record Crash(int replica, long crashAtMillis, long restartAtMillis) {
        public Crash {
            atLeast("crashAtMillis", crashAtMillis, 0);
            if (restartAtMillis != -1 && restartAtMillis <= crashAtMillis) {
                throw new InvalidScenarioException("restartAtMillis", "must be -1 (never) or after crashAtMillis="
                        + crashAtMillis + ", was " + restartAtMillis);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new InvalidScenarioException(field, "must be >= " + min + ", was " + value);
        }
    }

    private static void atMost(String field, long value, long max) {
        if (value > max) {
            throw new InvalidScenarioException(field, "must be <= " + max + ", was " + value);
        }
    }

    private static void replicaId(String field, int id, int n) {
        if (id < 0 || id >= n) {
            throw new InvalidScenarioException(field, "replica id must be in 0.." + (n - 1) + ", was " + id);
        }
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
