package org.bftref.impl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.runtime.Cluster;
import org.bftref.impl.runtime.RunOptions;
import org.bftref.impl.runtime.RunResult;

/**
 * The in-process runtime ({@code org.bftref.impl.runtime}) measured in one go, so that the rows share one
 * machine state and their ratios mean something: n replicas with Ed25519, batching on (100) and off (1), with a
 * verifier pool of 2 threads and of 1. Unlike {@link Throughput}, this is threads, queues and the wire codec:
 * what {@code bftref run} does. Besides requests/s, each row gives the process's CPU time per request, which
 * other jobs on the machine hardly change: on a busy machine the wall-clock columns are noisy, that one is not.
 */
public final class RuntimeBench {

    private RuntimeBench() {
    }

    /** One row: what was asked and what it gave. */
    public record Row(int batchSizeMax, int verifiers, RunResult result) {
    }

    /**
     * Runs the four configurations, after a warm-up that lets the JIT compile Ed25519 and the codec.
     *
     * @param requests requests per configuration
     */
    public static List<Row> run(int n, int clients, long requests) throws InterruptedException {
        Cluster.run(options(n, clients, Math.max(50, requests / 5), 100, 2)); // warm-up, not reported
        List<Row> rows = new ArrayList<>();
        for (int verifiers : new int[] {2, 1}) {
            for (int batch : new int[] {100, 1}) {
                RunResult r = Cluster.run(options(n, clients, requests, batch, verifiers));
                if (!r.allCompleted() || !r.agreed() || r.error() != null) {
                    throw new IllegalStateException("a benchmark run failed:\n" + r.summary());
                }
                rows.add(new Row(batch, verifiers, r));
            }
        }
        return rows;
    }

    /**
     * The bench measures the normal case, so the view-change timeout is long enough (10 s) that a loaded run
     * without batching never suspects its honest primary.
     */
    static RunOptions options(int n, int clients, long requests, int batch, int verifiers) {
        return new RunOptions().n(n).scheme(SignatureScheme.ED25519).clients(clients).requests(requests)
                .batchSizeMax(batch).verifiers(verifiers).viewChangeTimeoutMillis(10_000).timeoutMillis(300_000);
    }

    /** One line per row, with the throughput ratio to the first row. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-8s %3s %6s %9s %8s %9s %8s %11s %9s %9s %8s %10s %7s%n", "scheme",
                "n", "batch", "verifiers", "clients", "requests", "seconds", "requests/s", "p50 ms", "p99 ms", "ratio",
                "cpu ms/req", "drops"));
        double base = rows.isEmpty() ? 1 : rows.get(0).result().requestsPerSecond();
        for (Row row : rows) {
            RunResult r = row.result();
            out.append(String.format(Locale.ROOT, "%-8s %3d %6d %9d %8d %9d %8.2f %11.0f %9.1f %9.1f %7.2fx %10.1f %7d%n",
                    r.scheme(), r.n(), row.batchSizeMax(), row.verifiers(), r.clients(), r.completed(), r.seconds(),
                    r.requestsPerSecond(), r.latencyP50Millis(), r.latencyP99Millis(), r.requestsPerSecond() / base,
                    r.cpuMillisPerRequest(), r.dropsTotal()));
        }
        return out.toString();
    }
}
