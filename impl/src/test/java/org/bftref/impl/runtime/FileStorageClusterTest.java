package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bftref.impl.storage.FileStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime on the file-backed storage: a backup stopped abruptly is restarted from its log on disk. */
class FileStorageClusterTest {

    @AfterEach
    void noRuntimeThreadOutlivesItsCluster() {
        assertEquals(0, RuntimeThreads.alive());
    }

    @Test
    void aBackupRestartedFromItsLogOnDiskCatchesUp(@TempDir Path dir) throws Exception {
        RunResult r;
        try (Cluster cluster = new Cluster(ClusterTest.fast().requests(600).storage(StorageFactory.files(dir)))) {
            cluster.start();
            cluster.submit();
            assertTrue(cluster.awaitCompleted(150, 20_000));
            cluster.crash(1);
            long atCrash = cluster.completed();
            assertTrue(cluster.awaitCompleted(atCrash + 150, 20_000));
            cluster.restart(1); // reopens replica-1.log: the halted incarnation closed it
            assertTrue(cluster.awaitCompleted(600, 20_000));
            assertTrue(cluster.awaitCaughtUp(20_000));
            r = cluster.stop();
        }
        assertNull(r.error(), r.summary());
        assertTrue(r.agreed() && r.caughtUp(), r.summary());
        assertEquals(600, r.replicas().get(1).operationsApplied(), r.summary());
        for (int i = 0; i < 4; i++) {
            assertTrue(Files.size(dir.resolve(FileStorage.fileName(i))) > 0);
        }
    }
}
