package org.bftref.impl.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four pure replica cores persisting to files: replicas crash (their process state is gone, their log stays),
 * come back from their file alone, and the cluster goes on executing every request, with agreement, no
 * replica ever signing two digests for one (view, sequence number), and bounded logs.
 */
class ClusterRestartTest {

    @TempDir
    Path dir;

    /** Checkpoints every 4, a window of 16: compaction and state transfer happen within a short run. */
    private static final Config CONFIG = new Config(4, 1, 4, 16, 1, 1_000, false);

    private int timestamp;

    private void submit(FileCluster cluster, int requests) {
        for (int i = 0; i < requests; i++) {
            timestamp++;
            assertTrue(cluster.submit(Samples.request(7, timestamp, "op" + timestamp)), "request " + timestamp);
        }
    }

    private static void assertAllCaughtUp(FileCluster cluster, long requests) {
        for (int i = 0; i < 4; i++) {
            assertEquals(requests, cluster.services[i].count(), "replica " + i + " executed everything");
            assertTrue(Arrays.equals(cluster.services[0].snapshot(), cluster.services[i].snapshot()),
                    "replica " + i + " has the same state");
        }
        assertEquals(List.of(), cluster.disagreements());
        assertEquals(List.of(), cluster.conflicts);
    }

    @Test
    void aCrashedBackupAndACrashedPrimaryComeBackFromTheirFilesAndTheClusterExecutesEverything() throws IOException {
        FileStorage.Options options = FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(0);
        try (FileCluster cluster = new FileCluster(CONFIG, dir, options)) {
            submit(cluster, 20);
            assertAllCaughtUp(cluster, 20);

            cluster.crash(2);
            submit(cluster, 20); // 0, 1 and 3 go on; their checkpoints move past what 2 has
            RecoveryReport report = cluster.restart(2);
            assertFalse(report.truncated(), report.toString());
            assertTrue(report.liveRecords() > 0, report.toString());
            assertEquals(0, cluster.replicas[2].view());
            cluster.expireAll(Timer.STATUS); // it catches up by state transfer
            submit(cluster, 5);
            assertAllCaughtUp(cluster, 45);

            cluster.crash(0); // the primary of view 0
            submit(cluster, 5); // needs a view change
            assertEquals(1, cluster.replicas[1].view());
            report = cluster.restart(0); // its STATUS gets it the NEW-VIEW it missed
            assertFalse(report.truncated(), report.toString());
            cluster.expireAll(Timer.STATUS);
            submit(cluster, 5);
            assertEquals(1, cluster.replicas[0].view(), "it joined the new view");
            assertAllCaughtUp(cluster, 55);

            for (FileStorage s : cluster.storages) {
                assertTrue(s.fileBytes() < 64 << 10, s + ": " + s.fileBytes() + " bytes");
            }
        }
    }

    @Test
    void theWholeClusterCrashesAtOnceAndResumesFromItsFiles() throws IOException {
        FileStorage.Options options = FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(0);
        try (FileCluster cluster = new FileCluster(CONFIG, dir, options)) {
            submit(cluster, 30);
            cluster.expireAll(Timer.REQUEST); // a view change, so view records are in the logs too
            submit(cluster, 7);
        }
        // Closing every storage is a power failure: nothing more is written.
        try (FileCluster cluster = new FileCluster(CONFIG, dir, options)) {
            assertEquals(4, cluster.reports.size());
            cluster.reports.forEach(r -> assertFalse(r.repairedOrCreated(), r.toString()));
            for (int i = 0; i < 4; i++) {
                assertEquals(1, cluster.replicas[i].view(), "replica " + i);
            }
            timestamp = 37;
            submit(cluster, 10);
            // Executions before the restart are not in this cluster's record; agreement is on what it saw.
            assertEquals(List.of(), cluster.disagreements());
            assertEquals(List.of(), cluster.conflicts);
            for (int i = 1; i < 4; i++) {
                assertTrue(Arrays.equals(cluster.services[0].snapshot(), cluster.services[i].snapshot()));
            }
            assertEquals(47, cluster.services[0].count());
        }
    }
}
