package org.bftref.impl.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bftref.impl.core.Durable;
import org.bftref.impl.core.InMemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction keeps exactly what InMemoryStorage keeps (what recovery needs), keeps the file and the memory
 * bounded in a long run, and survives a crash at any point of it.
 */
class CompactionTest {

    @TempDir
    Path dir;

    @Test
    void aLongRunStaysBoundedAndRecoversWhatInMemoryStorageKeeps() throws IOException {
        // 10,000 requests as a backup persists them in batches of 10: 2 records a batch, a state and a stable
        // checkpoint every 16 sequence numbers, a view change every 100. About 2,100 forced appends (one per
        // request would be 10 times as many, and the test is bound by the disk's forces, not by the policy).
        List<Durable> run = Samples.backupRun(1_000, 10, 16, 100);
        FileStorage.Options options = FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(64 << 10);
        InMemoryStorage expected = new InMemoryStorage();
        long maxFile = 0;
        long maxLive = 0;
        int maxRecords = 0;
        long started = System.nanoTime();
        try (FileStorage s = FileStorage.open(dir, 1, options)) {
            for (Durable d : run) {
                s.append(d);
                expected.append(d);
                maxFile = Math.max(maxFile, s.fileBytes());
                maxLive = Math.max(maxLive, s.liveBytes());
                maxRecords = Math.max(maxRecords, s.records().size());
                // The bound the policy promises: obsolete bytes never exceed max(live, minimum) by more than
                // the record that made them obsolete.
                long garbage = s.fileBytes() - FileStorage.HEADER_BYTES - s.liveBytes();
                assertTrue(garbage <= Math.max(s.liveBytes(), options.compactionGarbageBytesMin()) + 4096,
                        "garbage " + garbage + ", live " + s.liveBytes());
            }
            assertEquals(expected.records(), s.records());
            assertEquals(Files.size(s.file()), s.fileBytes());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("FileStorage long run: %d appends in %.1f s (%.0f/s, each forced), %d compactions, "
                            + "file at most %d KiB, live at most %d KiB and %d records%n", run.size(), seconds,
                    run.size() / seconds, s.compactions(), maxFile >> 10, maxLive >> 10, maxRecords);
            assertTrue(s.compactions() > 10, "compactions: " + s.compactions());
        }
        // Everything written, against the bound: what a log without compaction would have been.
        long uncompacted = run.stream().mapToLong(d -> RecordCodec.frame(d).length).sum();
        long largestFrame = run.stream().mapToLong(d -> RecordCodec.frame(d).length).max().orElseThrow();
        assertTrue(maxFile <= FileStorage.HEADER_BYTES + 2 * maxLive + options.compactionGarbageBytesMin() + largestFrame,
                "file " + maxFile + ", live " + maxLive);
        assertTrue(maxFile < uncompacted / 10, maxFile + " vs " + uncompacted);
        assertTrue(maxRecords <= 2 * 16 + 4, "live records: " + maxRecords);

        try (FileStorage s = FileStorage.open(dir, 1, options)) {
            assertEquals(expected.records(), s.records());
            assertFalse(s.recoveryReport().repairedOrCreated());
        }
    }

    @Test
    void aCompactedLogRecoversTheSameReplicaStateAsTheFullOne() throws IOException {
        List<Durable> run = Samples.backupRun(100, 16, 40);
        Path full = dir.resolve("full");
        Path compacted = dir.resolve("compacted");
        try (FileStorage never = FileStorage.open(full, 0, FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(Long.MAX_VALUE));
             FileStorage always = FileStorage.open(compacted, 0, FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(0))) {
            for (Durable d : run) {
                never.append(d);
                always.append(d);
            }
            assertEquals(0, never.compactions());
            assertTrue(always.compactions() > 0);
            assertTrue(always.fileBytes() < never.fileBytes() / 3);
        }
        try (FileStorage never = FileStorage.open(full, 0); FileStorage always = FileStorage.open(compacted, 0)) {
            assertEquals(run.size(), never.recoveryReport().recordsRead());
            assertEquals(never.records(), always.records());
        }
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldLogWhichIsUsedAndTheTemporaryFileIsRemovedAndReported() throws IOException {
        Quiet.storageWarnings();
        List<Durable> run = Samples.backupRun(40, 16, 0);
        InMemoryStorage expected = new InMemoryStorage();
        try (FileStorage s = FileStorage.open(dir, 2, FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(Long.MAX_VALUE))) {
            for (Durable d : run) {
                s.append(d);
                expected.append(d);
            }
        }
        Path log = dir.resolve(FileStorage.fileName(2));
        Path tmp = dir.resolve(FileStorage.fileName(2) + ".compacting");
        byte[] oldLog = Files.readAllBytes(log);
        // What the compaction would have written, cut at every 97th byte: the crash can stop it anywhere.
        byte[] compacted = wholeLog(2, expected.records());
        for (int cut = 0; cut <= compacted.length; cut += (cut + 97 > compacted.length && cut < compacted.length)
                ? compacted.length - cut : 97) {
            Files.write(log, oldLog);
            Files.write(tmp, Arrays.copyOf(compacted, cut));
            try (FileStorage s = FileStorage.open(dir, 2)) {
                assertEquals(expected.records(), s.records(), "temporary file cut at " + cut);
                assertTrue(s.recoveryReport().leftoverCompactionRemoved());
                assertTrue(s.recoveryReport().toString().contains("interrupted compaction"));
                assertEquals(run.size(), s.recoveryReport().recordsRead(), "the old, full log was read");
            }
            assertFalse(Files.exists(tmp));
        }
    }

    @Test
    void aCrashAfterTheRenameLeavesTheCompactedLogWhichHoldsTheSameRecords() throws IOException {
        List<Durable> run = Samples.backupRun(40, 16, 0);
        InMemoryStorage expected = new InMemoryStorage();
        run.forEach(expected::append);
        Files.write(dir.resolve(FileStorage.fileName(2)), wholeLog(2, expected.records()));
        try (FileStorage s = FileStorage.open(dir, 2)) {
            assertEquals(expected.records(), s.records());
            assertFalse(s.recoveryReport().repairedOrCreated());
        }
    }

    @Test
    void aLeftoverTemporaryFileWithNoLogIsRemovedAndANewLogCreated() throws IOException {
        Quiet.storageWarnings();
        Files.write(dir.resolve(FileStorage.fileName(0) + ".compacting"), FileStorage.header(0));
        try (FileStorage s = FileStorage.open(dir, 0)) {
            assertTrue(s.recoveryReport().created());
            assertTrue(s.recoveryReport().leftoverCompactionRemoved());
            assertEquals(List.of(), s.records());
        }
    }

    /** The bytes a compaction writes for these records. */
    private static byte[] wholeLog(int replica, List<Durable> records) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(FileStorage.header(replica));
        records.forEach(r -> out.writeBytes(RecordCodec.frame(r)));
        return out.toByteArray();
    }
}
