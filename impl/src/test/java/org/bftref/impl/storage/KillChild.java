package org.bftref.impl.storage;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.Timer;

/**
 * The process {@link KillTest} kills with SIGKILL: four replicas with file storage in one directory (recovered
 * from it if logs are there), driven by one client until the parent kills it. Before every vote leaves, and
 * after what protects it was forced, it prints one line to stdout and flushes it:
 * {@code VOTE <replica> <PRE-PREPARE|PREPARE|COMMIT> <v> <n> <digest hex>}; so everything the parent reads was
 * signed and, if the storage keeps its promise, is in the logs. Also {@code READY}, {@code DONE <timestamp>}
 * after each completed request, and {@code STUCK <timestamp>} (exit 3) if a request cannot complete.
 *
 * <p>Arguments: directory, seed, client id, most requests.
 */
public final class KillChild {

    private KillChild() {
    }

    static final Config CONFIG = new Config(4, 1, 4, 16, 1, 1_000, false);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        int client = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        // Our own stream, flushed line by line: a line the parent reads was printed before the vote left.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        FileStorage.Options options = FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(4 << 10);
        try (FileCluster cluster = new FileCluster(CONFIG, dir, options)) {
            cluster.onVote = (r, kind, v, n, d) -> {
                out.println("VOTE " + r + " " + kind + " " + v + " " + n + " " + d.hex());
                out.flush();
            };
            for (RecoveryReport report : cluster.reports) {
                out.println("OPENED " + report);
            }
            out.println("READY");
            out.flush();
            for (int t = 1; t <= requests; t++) {
                if (!cluster.submit(Samples.request(client, t, "c" + client + "-" + t))) {
                    out.println("STUCK " + t);
                    out.flush();
                    System.exit(3);
                }
                out.println("DONE " + t);
                out.flush();
                int dice = random.nextInt(100);
                if (dice == 0) {
                    cluster.expireAll(Timer.REQUEST); // a view change
                } else if (dice == 1) {
                    int r = random.nextInt(CONFIG.n()); // one replica crashes and restarts in-process
                    cluster.crash(r);
                    cluster.restart(r);
                }
            }
            if (!cluster.conflicts.isEmpty()) {
                out.println("CONFLICT " + cluster.conflicts.get(0));
                out.flush();
                System.exit(4);
            }
        }
    }
}
