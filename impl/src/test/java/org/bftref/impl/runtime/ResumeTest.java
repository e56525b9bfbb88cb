package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bftref.impl.storage.IncarnationFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster resumes on the storage an earlier cluster left ({@link RunOptions#resume}): in process here, the
 * real {@code kill -9} is {@link RuntimeKillTest}'s.
 */
class ResumeTest {

    @TempDir
    Path dir;

    @AfterEach
    void noRuntimeThreadOutlivesItsCluster() {
        assertEquals(0, RuntimeThreads.alive());
    }

    private RunOptions options(long requests) {
        return ClusterTest.fast().requests(requests).viewChangeTimeoutMillis(2_000).storage(StorageFactory.files(dir));
    }

    @Test
    void aResumedClusterKeepsItsHistoryAndItsClientsNumberAboveTheEarlierOnes() throws Exception {
        RunResult first = Cluster.run(options(300));
        assertTrue(first.allCompleted() && first.agreed(), first.summary());

        RunResult second;
        long incarnation;
        try (Cluster cluster = new Cluster(options(200).resume(true))) {
            cluster.start();
            incarnation = cluster.incarnation();
            cluster.submit();
            assertTrue(cluster.awaitCompleted(200, 30_000), "the resumed cluster executes new requests");
            assertTrue(cluster.awaitCaughtUp(20_000));
            second = cluster.stop();
        }
        assertEquals(1, incarnation);
        assertNull(second.error(), second.summary());
        assertTrue(second.agreed() && second.caughtUp(), second.summary());
        // The services came back with the first cluster's 300 operations, then executed the 200 new ones. With
        // timestamps from 1 again, the replicas would have taken the new requests for old ones and answered
        // with the first cluster's replies (or not at all): the clients could not have completed.
        for (RunResult.ReplicaState s : second.replicas()) {
            assertEquals(500, s.operationsApplied(), second.summary());
        }
        assertEquals(2, IncarnationFile.read(dir).incarnations());
    }

    @Test
    void aClusterWithoutResumeRefusesStorageWithRecordsAndResumingWithOtherKeysIsRefused() throws Exception {
        assertTrue(Cluster.run(options(100)).allCompleted());
        IllegalStateException fresh = assertThrows(IllegalStateException.class, () -> Cluster.run(options(10)));
        assertTrue(fresh.getMessage().contains("unless it resumes"), fresh.getMessage());
        IllegalArgumentException otherKeys = assertThrows(IllegalArgumentException.class,
                () -> Cluster.run(options(10).resume(true).seed(2)));
        assertTrue(otherKeys.getMessage().contains("seed=1") && otherKeys.getMessage().contains("seed=2"),
                otherKeys.getMessage());
        assertEquals(1, IncarnationFile.read(dir).incarnations(), "refused clusters leave the count alone");
    }

    @Test
    void aDamagedIncarnationFileIsReportedByFileLineAndField() throws Exception {
        assertTrue(Cluster.run(options(50)).allCompleted());
        Path file = dir.resolve(IncarnationFile.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("incarnations=1", "incarnations=x"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Cluster.run(options(10).resume(true)));
        assertEquals(file + " line 3: field 'incarnations': not a positive count: 'x'", e.getMessage());
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        e = assertThrows(UncheckedIOException.class, () -> Cluster.run(options(10).resume(true)));
        assertEquals(file + " line 1: field 'format': not UTF-8 text", e.getMessage());
    }

    @Test
    void recordsThatNoRecordedClusterWroteAreNotResumed() throws Exception {
        assertTrue(Cluster.run(options(50)).allCompleted());
        Files.delete(dir.resolve(IncarnationFile.FILE_NAME)); // as logs written before there was such a file
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cluster.run(options(10).resume(true)));
        assertTrue(e.getMessage().startsWith(IncarnationFile.UNRECORDED), e.getMessage());
        assertEquals(0, IncarnationFile.read(dir).incarnations(), "nothing recorded for a refused cluster");
    }

    @Test
    void inMemoryStorageResumesInProcessToo() throws Exception {
        StorageFactory memory = StorageFactory.inMemory();
        assertTrue(Cluster.run(ClusterTest.fast().requests(100).storage(memory)).allCompleted());
        RunResult second = Cluster.run(ClusterTest.fast().requests(100).storage(memory).resume(true));
        assertTrue(second.allCompleted() && second.agreed(), second.summary());
        assertEquals(200, second.replicas().get(0).operationsApplied(), second.summary());
    }

    @Test
    void inMemoryStorageRefusesResumingWithOtherKeysAsTheFilesDo() throws Exception {
        StorageFactory memory = StorageFactory.inMemory();
        assertTrue(Cluster.run(ClusterTest.fast().requests(20).storage(memory)).allCompleted());
        IllegalArgumentException otherKeys = assertThrows(IllegalArgumentException.class,
                () -> Cluster.run(ClusterTest.fast().requests(10).storage(memory).resume(true).seed(2)));
        assertTrue(otherKeys.getMessage().startsWith("--resume: the storage was written by a cluster with ")
                && otherKeys.getMessage().contains("seed=1") && otherKeys.getMessage().contains("seed=2"),
                otherKeys.getMessage());
    }
}
