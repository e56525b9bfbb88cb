package org.bftref.impl.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.runtime.Cluster;
import org.bftref.impl.runtime.Metrics;
import org.bftref.impl.runtime.RunOptions;
import org.bftref.impl.runtime.RunResult;
import org.bftref.impl.runtime.StorageFactory;
import org.bftref.impl.storage.FileStorage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How long a replica that missed many requests takes to catch up after a restart from its file storage
 * (issue 5's recovery figure). One in-process cluster per row, n replicas on {@link FileStorage} in a temporary
 * directory, what {@code bftref run --storage} does:
 * <ol>
 *   <li>all n replicas execute a warm-up share of the requests (a twentieth), so the stopped replica has a log
 *       with checkpoints and the JIT has compiled the hot paths;</li>
 *   <li>backup n-1 stops abruptly ({@link Cluster#crash}: its thread ends, its log stays as it is) and the other
 *       replicas execute the requests ({@code requests}). That span is the <b>baseline</b>: the time the
 *       cluster needed for what the replica missed. Their checkpoints and garbage collection move their low
 *       watermark far past the stopped replica's, so it cannot catch up from their logs: only by state transfer;</li>
 *   <li>once the running replicas agree on their last executed sequence number (the <b>target</b>; the
 *       clients are done, so it no longer moves), the stopped replica restarts from its log
 *       ({@link Cluster#restart}: the log is opened and replayed) and the clock runs until it is <b>caught
 *       up</b>: its last executed sequence number, reached by executing or by adopting a state, is at least the
 *       target. The cluster is idle then, so its state is the others' (checked at the end: the run must agree).</li>
 * </ol>
 * Also measured from the restart: the time until its first state transfer (the first StateTransfer step any
 * replica took; the others are idle and level, so it is this one's), and the messages and wire bytes the
 * transport carried meanwhile (all replicas, so the periodic STATUS of the idle ones is included).
 */
public final class RecoveryBench {

    private RecoveryBench() {
    }

    /**
     * One row.
     *
     * @param warmupRequests       requests completed before the replica stopped
     * @param missedRequests       requests completed while it was down
     * @param baselineSeconds      how long the running replicas took for those
     * @param logBytes             the stopped replica's log on disk when it restarted
     * @param recoveredTo          its last executed sequence number right after replaying its log
     * @param target               the running replicas' last executed sequence number
     * @param restartMillis        {@link Cluster#restart}: opening and replaying the log, starting the thread
     * @param firstStateTransferSeconds from the restart to the first state transfer; -1 if there was none
     * @param caughtUpSeconds      from the restart to caught up (see the class comment)
     * @param stateTransfers       states adopted between the restart and caught up
     * @param messages             messages the transport carried between the restart and caught up
     * @param bytes                their wire bytes
     * @param viewChanges          views above 0 entered during the whole run (normally none: a backup stops)
     */
    public record Row(String scheme, int n, long warmupRequests, long missedRequests, double baselineSeconds,
                      long logBytes, long recoveredTo, long target, double restartMillis,
                      double firstStateTransferSeconds, double caughtUpSeconds, long stateTransfers, long messages,
                      long bytes, long viewChanges) {

        /** Catching up against executing the missed requests: below 1 means faster than the cluster was. */
        public double ratioToBaseline() {
            return caughtUpSeconds / baselineSeconds;
        }
    }

    /** What "caught up" means here, printed under the table. */
    public static final String CAUGHT_UP = "caught up: the restarted replica's last executed sequence number (by "
            + "execution or an adopted state) reached the target, the last one the running replicas had executed when "
            + "it restarted (clients done, so the target no longer moved); timed from the restart, log replay "
            + "included";

    /** HMAC-SHA256 and Ed25519 rows, {@code requests} missed each (10,000 for the figure, 1,000 quick). */
    public static List<Row> run(int n, long requests) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        rows.add(run(SignatureScheme.HMAC_SHA256, n, requests));
        rows.add(run(SignatureScheme.ED25519, n, requests));
        return rows;
    }

    /** One row, in a temporary directory deleted afterwards. */
    public static Row run(SignatureScheme scheme, int n, long requests) throws InterruptedException {
        if (n < 4 || requests < 1) {
            throw new IllegalArgumentException("the recovery bench needs n >= 4 (one replica down) and requests >= 1");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("bftref-recovery-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory: " + e.getMessage(), e);
        }
        try {
            return run(scheme, n, requests, dir);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The view-change timeout is the runtime's default (2 s, so a STATUS every second); the timeout for each
     * phase is generous (10 minutes) because Ed25519 on a busy 2-core machine does about 100 requests/s.
     */
    static Row run(SignatureScheme scheme, int n, long requests, Path dir) throws InterruptedException {
        long warmup = Math.max(64, requests / 20);
        long phaseMillis = 600_000;
        int down = n - 1; // a backup in view 0: the others go on without a view change
        RunOptions options = new RunOptions().n(n).scheme(scheme).requests(warmup + requests)
                .storage(StorageFactory.files(dir)).timeoutMillis(phaseMillis);
        try (Cluster cluster = new Cluster(options)) {
            cluster.start();
            cluster.submit();
            require(cluster.awaitCompleted(warmup, phaseMillis), "the warm-up did not complete", cluster);
            cluster.crash(down);
            long atCrash = cluster.completed();
            long crashedAt = System.nanoTime();
            require(cluster.awaitCompleted(warmup + requests, phaseMillis), "the requests did not complete", cluster);
            double baseline = (System.nanoTime() - crashedAt) / 1e9;
            long missed = cluster.completed() - atCrash;
            require(cluster.awaitCaughtUp(phaseMillis), "the running replicas did not level", cluster);
            long target = 0;
            for (int r = 0; r < n; r++) {
                if (r != down) {
                    target = Math.max(target, cluster.lastExecuted(r));
                }
            }
            long logBytes = size(dir.resolve(FileStorage.fileName(down)));
            Metrics metrics = cluster.metrics();
            long messages0 = metrics.get(Metrics.MESSAGES_SENT);
            long bytes0 = metrics.get(Metrics.BYTES_SENT);
            long transfers0 = metrics.get(Metrics.STATE_TRANSFERS);

            long restartAt = System.nanoTime();
            cluster.restart(down);
            double restartMillis = (System.nanoTime() - restartAt) / 1e6;
            long recoveredTo = cluster.lastExecuted(down);
            long firstTransfer = -1;
            long deadline = restartAt + phaseMillis * 1_000_000L;
            while (cluster.lastExecuted(down) < target) {
                if (firstTransfer < 0 && metrics.get(Metrics.STATE_TRANSFERS) > transfers0) {
                    firstTransfer = System.nanoTime();
                }
                require(System.nanoTime() < deadline, "the restarted replica did not catch up", cluster);
                Thread.sleep(1); // the figures are in seconds: a millisecond is resolution enough
            }
            long caughtUp = System.nanoTime();
            if (firstTransfer < 0 && metrics.get(Metrics.STATE_TRANSFERS) > transfers0) {
                firstTransfer = caughtUp; // it came with the last step: no later than caught up
            }
            long transfers = metrics.get(Metrics.STATE_TRANSFERS) - transfers0;
            long messages = metrics.get(Metrics.MESSAGES_SENT) - messages0;
            long bytes = metrics.get(Metrics.BYTES_SENT) - bytes0;
            require(cluster.awaitCaughtUp(phaseMillis), "the replicas did not level after the restart", cluster);
            RunResult result = cluster.stop();
            if (result.error() != null || !result.agreed() || !result.caughtUp()) {
                throw new IllegalStateException("the recovery run went wrong:\n" + result.summary());
            }
            return new Row(scheme.name(), n, atCrash, missed, baseline, logBytes, recoveredTo, target, restartMillis,
                    firstTransfer < 0 ? -1 : (firstTransfer - restartAt) / 1e9, (caughtUp - restartAt) / 1e9,
                    transfers, messages, bytes, result.viewChanges());
        }
    }

    /** One line per row, then what caught up means. Catching up takes milliseconds, the baseline seconds. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %2s %7s %7s %10s %8s %10s %9s %7s %10s %12s %8s %8s %9s %4s%n",
                "scheme", "n", "warm-up", "missed", "baseline s", "log KiB", "restart ms", "recovered", "target",
                "1st ST ms", "caught-up ms", "ratio", "messages", "KiB sent", "STs"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT,
                    "%-12s %2d %7d %7d %10.2f %8.1f %10.1f %9d %7d %10s %12.1f %8.5f %8d %9.1f %4d%n",
                    r.scheme(), r.n(), r.warmupRequests(), r.missedRequests(), r.baselineSeconds(),
                    r.logBytes() / 1024.0, r.restartMillis(), r.recoveredTo(), r.target(),
                    r.firstStateTransferSeconds() < 0 ? "none"
                            : String.format(Locale.ROOT, "%.1f", r.firstStateTransferSeconds() * 1e3),
                    r.caughtUpSeconds() * 1e3, r.ratioToBaseline(), r.messages(), r.bytes() / 1024.0,
                    r.stateTransfers()));
        }
        out.append("ratio: caught-up time / baseline (the time the running replicas took for the missed requests); "
                + "recovered, target: sequence numbers; STs: state transfers\n");
        out.append(CAUGHT_UP).append('\n');
        return out.toString();
    }

    /** The rows as one JSON object: {@code {"caughtUp": "...", "rows": [...]}}, each row with its ratio. */
    public static String json(List<Row> rows) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scheme", r.scheme());
            m.put("n", r.n());
            m.put("warmupRequests", r.warmupRequests());
            m.put("missedRequests", r.missedRequests());
            m.put("baselineSeconds", r.baselineSeconds());
            m.put("logBytes", r.logBytes());
            m.put("restartMillis", r.restartMillis());
            m.put("recoveredTo", r.recoveredTo());
            m.put("target", r.target());
            m.put("firstStateTransferSeconds", r.firstStateTransferSeconds() < 0 ? null : r.firstStateTransferSeconds());
            m.put("caughtUpSeconds", r.caughtUpSeconds());
            m.put("ratioToBaseline", r.ratioToBaseline());
            m.put("stateTransfers", r.stateTransfers());
            m.put("messages", r.messages());
            m.put("bytes", r.bytes());
            m.put("viewChanges", r.viewChanges());
            list.add(m);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("caughtUp", CAUGHT_UP);
        all.put("rows", list);
        try {
            return new ObjectMapper().writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of numbers and strings always serialise", e);
        }
    }

    private static void require(boolean ok, String problem, Cluster cluster) throws InterruptedException {
        if (!ok) {
            RunResult r = cluster.stop();
            throw new IllegalStateException(problem + " within the time limit:\n" + r.summary());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
