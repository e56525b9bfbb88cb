package org.bftref.impl.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bftref.impl.crypto.SignatureScheme;

/**
 * The process {@link RuntimeKillTest} kills with SIGKILL: the threaded runtime ({@link Cluster}, n = 4, HMAC) on
 * file storage, fresh or resumed. It prints, each line flushed: {@code STARTED <incarnation>}, then
 * {@code DISTURBED} once it has crashed the primary in process (forcing a view change, so that views above 0 are
 * in the logs) and restarted it, {@code PROGRESS <completed>} every 20 ms, and, if it gets that far, {@code RESULT
 * <completed> <agreed> <caughtUp> <error>}. Exit code 0 if every request completed and the replicas agree.
 *
 * <p>Arguments: storage directory, resume (true/false), requests, trace file, disturb (true/false).
 */
public final class RuntimeKillChild {

    private RuntimeKillChild() {
    }

    static RunOptions options(Path dir, long requests) {
        // A short view-change timeout, so that the crash of the primary is noticed within the run; the checkpoint
        // interval and window are the runtime's defaults (4 and 8), so logs are compacted and states move.
        return new RunOptions().scheme(SignatureScheme.HMAC_SHA256).clients(16).requests(requests)
                .viewChangeTimeoutMillis(400).timeoutMillis(120_000).storage(StorageFactory.files(dir));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean resume = Boolean.parseBoolean(args[1]);
        long requests = Long.parseLong(args[2]);
        Path tracePath = Path.of(args[3]);
        boolean disturb = Boolean.parseBoolean(args[4]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        RunResult result;
        try (TraceWriter trace = TraceWriter.open(tracePath);
             Cluster cluster = new Cluster(options(dir, requests).resume(resume).trace(trace))) {
            cluster.start();
            out.println("STARTED " + cluster.incarnation());
            cluster.submit();
            if (disturb) {
                require(out, cluster.awaitCompleted(cluster.completed() + 100, 30_000), "no progress before the crash");
                int primary = cluster.config().primary(cluster.view(1));
                cluster.crash(primary);
                require(out, cluster.awaitCompleted(cluster.completed() + 100, 30_000), "no view change after the crash");
                cluster.restart(primary);
                out.println("DISTURBED");
            }
            while (!cluster.awaitCompleted(requests, 20)) {
                out.println("PROGRESS " + cluster.completed());
            }
            cluster.awaitCaughtUp(10_000);
            result = cluster.stop();
        }
        out.println("RESULT " + result.completed() + " " + result.agreed() + " " + result.caughtUp() + " "
                + result.error());
        System.exit(result.allCompleted() && result.agreed() && result.error() == null ? 0 : 5);
    }

    private static void require(PrintStream out, boolean ok, String problem) {
        if (!ok) {
            out.println("STUCK " + problem);
            System.exit(3);
        }
    }
}
