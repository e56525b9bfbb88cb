package org.bftref.impl.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a cluster run measured. Plain data: tests and the CLI read it, {@link #toJson} prints it.
 *
 * @param requested         requests the clients were to submit
 * @param completed         requests that got f+1 matching replies
 * @param seconds           from the first submission to the last completion
 * @param cpuSeconds        CPU time the whole process used over the same span (all threads): unlike seconds, it
 *                          hardly depends on what else runs on the machine
 * @param latencyP50Millis  median latency, submission to completion (nearest rank)
 * @param latencyP99Millis  99th percentile latency
 * @param viewChanges       distinct views above 0 that an honest replica entered
 * @param drops             messages honest replicas (or the runtime on their behalf) did not take, by reason
 * @param clientDrops       replies clients did not take, by reason (mostly the replies beyond the f+1 needed)
 * @param counters          everything else counted ({@link Metrics})
 * @param replicas          where each replica ended
 * @param agreed            every two honest replicas' histories (operations applied, in order) are one a prefix of
 *                          the other: Agreement, checked on the services' state
 * @param caughtUp          every honest replica that was up at the end had executed as far as the others
 * @param error             the first exception a runtime thread reported (a bug), or null
 */
public record RunResult(int n, int f, String scheme, int batchSizeMax, int clients, int verifiers,
                        long requested, long completed, double seconds, double cpuSeconds, double latencyP50Millis,
                        double latencyP99Millis, long viewChanges, Map<String, Long> drops,
                        Map<String, Long> clientDrops, Map<String, Long> counters, List<ReplicaState> replicas,
                        boolean agreed, boolean caughtUp, String error) {

    /** One replica at the end of a run; digest and history size are null for a silent replica. */
    public record ReplicaState(int id, boolean honest, boolean up, long view, long lastExecuted, String stateDigest,
                               Integer operationsApplied) {
    }

    public RunResult {
        drops = Map.copyOf(drops);
        clientDrops = Map.copyOf(clientDrops);
        counters = Map.copyOf(counters);
        replicas = List.copyOf(replicas);
    }

    public boolean allCompleted() {
        return completed == requested;
    }

    public double requestsPerSecond() {
        return seconds > 0 ? completed / seconds : 0;
    }

    /** CPU milliseconds per completed request, all threads of the process: the cost of a request. */
    public double cpuMillisPerRequest() {
        return completed > 0 ? cpuSeconds * 1_000 / completed : 0;
    }

    public long dropsTotal() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Nearest-rank percentile (0 < p <= 100) of the latencies in nanoseconds, in milliseconds; 0 if none. */
    static double percentileMillis(long[] latenciesNanos, double p) {
        if (latenciesNanos.length == 0) {
            return 0;
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }

    /** The human summary {@code bftref run} prints. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "n=%d f=%d scheme=%s batch=%d clients=%d verifiers=%d%n", n, f, scheme,
                batchSizeMax, clients, verifiers));
        s.append(String.format(Locale.ROOT, "requests completed: %d/%d in %.2f s%n", completed, requested, seconds));
        s.append(String.format(Locale.ROOT, "throughput: %.0f requests/s (%.1f ms of CPU per request)%n",
                requestsPerSecond(), cpuMillisPerRequest()));
        s.append(String.format(Locale.ROOT, "latency: p50 %.1f ms, p99 %.1f ms%n", latencyP50Millis, latencyP99Millis));
        s.append("view changes: ").append(viewChanges).append('\n');
        s.append("drops: ").append(dropsTotal()).append(drops.isEmpty() ? "" : " " + new java.util.TreeMap<>(drops))
                .append('\n');
        s.append("honest replicas agree: ").append(agreed ? "yes" : "NO").append(caughtUp ? "" : " (not all caught up)")
                .append('\n');
        for (ReplicaState r : replicas) {
            s.append(String.format(Locale.ROOT, "  replica %d: %s, view %d, executed %d%s%n", r.id(),
                    !r.honest() ? "faulty" : r.up() ? "up" : "down", r.view(), r.lastExecuted(),
                    r.stateDigest() == null ? "" : ", state " + r.stateDigest().substring(0, 8)));
        }
        if (error != null) {
            s.append("error: ").append(error).append('\n');
        }
        return s.toString();
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("f", f);
        m.put("scheme", scheme);
        m.put("batchSizeMax", batchSizeMax);
        m.put("clients", clients);
        m.put("verifiers", verifiers);
        m.put("requested", requested);
        m.put("completed", completed);
        m.put("seconds", seconds);
        m.put("requestsPerSecond", requestsPerSecond());
        m.put("cpuSeconds", cpuSeconds);
        m.put("cpuMillisPerRequest", cpuMillisPerRequest());
        m.put("latencyP50Millis", latencyP50Millis);
        m.put("latencyP99Millis", latencyP99Millis);
        m.put("viewChanges", viewChanges);
        m.put("drops", new java.util.TreeMap<>(drops));
        m.put("clientDrops", new java.util.TreeMap<>(clientDrops));
        m.put("counters", new java.util.TreeMap<>(counters));
        m.put("replicas", replicas);
        m.put("agreed", agreed);
        m.put("caughtUp", caughtUp);
        m.put("error", error);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain data always serializes", e);
        }
    }
}
