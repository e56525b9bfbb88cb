package org.bftref.impl.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import org.bftref.impl.core.Durable;
import org.bftref.impl.core.InMemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, the header checks, and the promises about who may open a log and what an append may be. */
class FileStorageTest {

    @TempDir
    Path dir;

    @Test
    void everyDurableTypeComesBackEqualAfterReopening() throws IOException {
        List<Durable> records = Samples.everyType();
        try (FileStorage s = FileStorage.open(dir, 1)) {
            assertTrue(s.recoveryReport().created());
            records.forEach(s::append);
        }
        // Obsolescence applies on the way back in as it did on the way out: compare with InMemoryStorage.
        InMemoryStorage expected = new InMemoryStorage();
        records.forEach(expected::append);
        try (FileStorage s = FileStorage.open(dir, 1)) {
            assertEquals(expected.records(), s.records());
            assertEquals(records.size(), s.recoveryReport().recordsRead());
            assertFalse(s.recoveryReport().repairedOrCreated(), s.recoveryReport().toString());
        }
    }

    @Test
    void eachTypeAloneRoundTripsThroughTheRecordCodec() throws Exception {
        for (Durable d : Samples.everyType()) {
            byte[] frame = RecordCodec.frame(d);
            byte[] payload = java.util.Arrays.copyOfRange(frame, RecordCodec.FRAME_HEAD_BYTES,
                    frame.length - Integer.BYTES);
            assertEquals(d, RecordCodec.decode(frame[Integer.BYTES], payload, new org.bftref.impl.crypto.Codec()));
        }
    }

    @Test
    void recordsAreWhatInMemoryStorageKeepsForTheSameAppendsWhateverTheOrder() throws IOException {
        Random random = new Random(42);
        List<Durable> pool = Samples.backupRun(64, 8, 20);
        InMemoryStorage expected = new InMemoryStorage();
        try (FileStorage s = FileStorage.open(dir, 2, FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(0))) {
            for (int i = 0; i < 600; i++) {
                Durable d = pool.get(random.nextInt(pool.size()));
                s.append(d);
                expected.append(d);
                assertEquals(expected.records(), s.records(), "after append " + i);
            }
            assertTrue(s.compactions() > 0);
        }
        try (FileStorage s = FileStorage.open(dir, 2)) {
            assertEquals(expected.records(), s.records());
        }
    }

    @Test
    void aSecondOpenOfTheSameLogIsRefusedWhileTheFirstHoldsIt() throws IOException {
        try (FileStorage s = FileStorage.open(dir, 0)) {
            IOException e = assertThrows(IOException.class, () -> FileStorage.open(dir, 0));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
        FileStorage.open(dir, 0).close(); // released on close
    }

    @Test
    void anotherReplicasLogIsRefused() throws IOException {
        FileStorage.open(dir, 3).close();
        Files.move(dir.resolve(FileStorage.fileName(3)), dir.resolve(FileStorage.fileName(1)));
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileStorage.open(dir, 1));
        assertTrue(e.getMessage().contains("log of replica 3, opened for replica 1"), e.getMessage());
        assertEquals(-1, e.recordIndex());
    }

    @Test
    void aDamagedHeaderIsAnErrorNotATornTail() throws IOException {
        FileStorage.open(dir, 0).close();
        Path log = dir.resolve(FileStorage.fileName(0));
        for (int offset = 0; offset < FileStorage.HEADER_BYTES; offset++) {
            byte[] bytes = FileStorage.header(0);
            bytes[offset] ^= 0x10;
            Files.write(log, bytes);
            CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileStorage.open(dir, 0));
            assertEquals(0, e.offset());
            assertFalse(e.getMessage().contains("\n"));
        }
        Files.write(log, new byte[7]);
        assertTrue(assertThrows(CorruptLogException.class, () -> FileStorage.open(dir, 0)).getMessage()
                .contains("fewer than the 20-byte header"));
    }

    @Test
    void aNewerFormatVersionIsRefusedByName() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(FileStorage.HEADER_BYTES);
        h.put(FileStorage.MAGIC).putInt(2).putInt(0);
        h.putInt(RecordCodec.crc(h.array(), 0, 16));
        Files.write(dir.resolve(FileStorage.fileName(0)), h.array());
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileStorage.open(dir, 0));
        assertTrue(e.getMessage().contains("version 2; this build reads version 1"), e.getMessage());
    }

    @Test
    void aRecordOverTheLimitIsRefusedBeforeAnythingIsWrittenAndTheStorageStaysUsable() throws IOException {
        FileStorage.Options small = new FileStorage.Options(200, 0, org.bftref.impl.crypto.Codec.Limits.DEFAULT);
        try (FileStorage s = FileStorage.open(dir, 0, small)) {
            long before = s.fileBytes();
            assertThrows(IllegalArgumentException.class, () -> s.append(Samples.newViewEntered(1, 0)));
            assertEquals(before, s.fileBytes());
            s.append(Samples.accepted(0, 1));
        }
        try (FileStorage s = FileStorage.open(dir, 0, small)) {
            assertEquals(List.of(Samples.accepted(0, 1)), s.records());
        }
    }

    @Test
    void appendAfterCloseIsRefused() throws IOException {
        FileStorage s = FileStorage.open(dir, 0);
        s.close();
        assertThrows(IllegalStateException.class, () -> s.append(Samples.accepted(0, 1)));
    }

    @Test
    void concurrentAppendsNeverInterleaveTheirBytes() throws Exception {
        int threads = 4;
        int each = 100;
        CountDownLatch go = new CountDownLatch(1);
        try (FileStorage s = FileStorage.open(dir, 0)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                Thread w = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 1; i <= each; i++) {
                        s.append(Samples.accepted(0, base + i));
                    }
                });
                workers.add(w);
                w.start();
            }
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
        }
        try (FileStorage s = FileStorage.open(dir, 0)) {
            assertEquals(threads * each, s.records().size());
            assertFalse(s.recoveryReport().truncated());
        }
    }

    @Test
    void logFileNamesAreRecognisedAndNothingElseInTheDirectoryIs() throws Exception {
        try (FileStorage s = FileStorage.open(dir, 12)) {
            s.append(Samples.accepted(0, 1));
        }
        IncarnationFile.begin(dir, "test", false, false);
        List<String> logs = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(FileStorage::isLogFileName).forEach(logs::add);
        }
        assertEquals(List.of(FileStorage.fileName(12)), logs, "not the lock file, nor the incarnation file");
        assertFalse(FileStorage.isLogFileName(FileStorage.fileName(12) + ".compacting"));
        assertFalse(FileStorage.isLogFileName("replica-x.log"));
    }
}
