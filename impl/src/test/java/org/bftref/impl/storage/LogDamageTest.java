package org.bftref.impl.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bftref.impl.core.Durable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What opening does with a damaged log: a torn or corrupted tail is cut back to the last good record and
 * reported; damage with valid records after it stops with an error naming the file, offset and record.
 */
class LogDamageTest {

    @TempDir
    Path dir;

    /** Records with no obsolescence between them, so every one is live and the comparison is exact. */
    private final List<Durable> records = List.of(Samples.accepted(0, 1), Samples.prepared(0, 1),
            Samples.accepted(0, 2), Samples.newViewEntered(1, 0), Samples.prepared(0, 2));
    private Path log;
    private byte[] whole;
    /** Where each record starts, and (last entry) where the file ends. */
    private final List<Integer> starts = new ArrayList<>();

    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        Quiet.storageWarnings();
    }

    @BeforeEach
    void writeLog() throws IOException {
        try (FileStorage s = FileStorage.open(dir, 1)) {
            for (Durable d : records) {
                starts.add((int) s.fileBytes());
                s.append(d);
            }
            starts.add((int) s.fileBytes());
        }
        log = dir.resolve(FileStorage.fileName(1));
        whole = Files.readAllBytes(log);
        assertEquals(whole.length, starts.get(starts.size() - 1));
    }

    @Test
    void cuttingTheFileAtEveryOffsetInsideTheLastRecordRecoversExactlyTheEarlierOnes() throws IOException {
        int lastStart = starts.get(records.size() - 1);
        for (int cut = lastStart + 1; cut < whole.length; cut++) {
            Files.write(log, Arrays.copyOf(whole, cut));
            try (FileStorage s = FileStorage.open(dir, 1)) {
                RecoveryReport report = s.recoveryReport();
                assertEquals(records.subList(0, records.size() - 1), s.records(), "cut at " + cut);
                assertTrue(report.truncated(), report.toString());
                assertEquals(cut - lastStart, report.bytesTruncated(), report.toString());
                assertEquals(lastStart, report.truncatedAtOffset());
                assertEquals(records.size() - 1, report.recordsRead());
                assertTrue(report.tailDamage() == RecoveryReport.TailDamage.PARTIAL_HEAD
                        || report.tailDamage() == RecoveryReport.TailDamage.PARTIAL_RECORD, report.toString());
                assertEquals(lastStart, s.fileBytes());
            }
            assertEquals(lastStart, Files.size(log), "the tail was cut on the disk, not only in memory");
        }
    }

    @Test
    void cuttingExactlyAtARecordBoundaryLosesNothingAndReportsNothing() throws IOException {
        for (int i = 0; i < records.size(); i++) {
            Files.write(log, Arrays.copyOf(whole, starts.get(i)));
            try (FileStorage s = FileStorage.open(dir, 1)) {
                assertEquals(records.subList(0, i), s.records());
                assertFalse(s.recoveryReport().truncated());
            }
        }
    }

    @Test
    void afterATornTailIsCutNewAppendsFollowTheLastGoodRecord() throws IOException {
        Files.write(log, Arrays.copyOf(whole, whole.length - 3));
        try (FileStorage s = FileStorage.open(dir, 1)) {
            assertTrue(s.recoveryReport().truncated());
            s.append(Samples.accepted(0, 9));
        }
        try (FileStorage s = FileStorage.open(dir, 1)) {
            List<Durable> expected = new ArrayList<>(records.subList(0, records.size() - 1));
            expected.add(Samples.accepted(0, 9));
            assertEquals(expected, s.records());
            assertFalse(s.recoveryReport().truncated());
        }
    }

    @Test
    void aFlippedBitAnywhereInTheLastRecordCutsItAndReportsIt() throws IOException {
        int lastStart = starts.get(records.size() - 1);
        for (int offset = lastStart; offset < whole.length; offset++) {
            for (int bit = offset % 8; bit == offset % 8; bit++) { // one bit per byte, each bit position in turn
                byte[] bytes = whole.clone();
                bytes[offset] ^= (byte) (1 << bit);
                Files.write(log, bytes);
                try (FileStorage s = FileStorage.open(dir, 1)) {
                    RecoveryReport report = s.recoveryReport();
                    String at = "bit " + bit + " of byte " + offset + ": " + report;
                    assertEquals(records.subList(0, records.size() - 1), s.records(), at);
                    assertEquals(whole.length - lastStart, report.bytesTruncated(), at);
                    assertTrue(report.toString().contains("TRUNCATED"), at);
                }
            }
        }
    }

    @Test
    void zerosAfterTheLastRecordAreATornTail() throws IOException {
        // What a file system can leave when the size reached the disk and the data did not.
        byte[] bytes = Arrays.copyOf(whole, whole.length + 300);
        Files.write(log, bytes);
        try (FileStorage s = FileStorage.open(dir, 1)) {
            assertEquals(records, s.records());
            assertEquals(300, s.recoveryReport().bytesTruncated());
            assertEquals(RecoveryReport.TailDamage.UNKNOWN_TYPE, s.recoveryReport().tailDamage());
        }
    }

    @Test
    void aFlippedBitAnywhereInAMiddleRecordStopsWithTheFileOffsetAndIndex() throws IOException {
        int middle = 2;
        int start = starts.get(middle);
        for (int offset = start; offset < starts.get(middle + 1); offset++) {
            byte[] bytes = whole.clone();
            bytes[offset] ^= (byte) (1 << (offset % 8));
            Files.write(log, bytes);
            CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileStorage.open(dir, 1),
                    "flipped a bit of byte " + offset);
            assertEquals(start, e.offset());
            assertEquals(middle, e.recordIndex());
            assertEquals(log, e.file());
            String message = e.getMessage();
            assertFalse(message.contains("\n"), message);
            assertTrue(message.startsWith(log + ": record #" + middle + " at byte offset " + start + ": "), message);
            assertTrue(message.contains("valid record follows at byte offset " + starts.get(middle + 1)), message);
            assertTrue(Arrays.equals(bytes, Files.readAllBytes(log)), "a refused log is left as it was");
        }
    }

    @Test
    void aDamagedFirstRecordWithGoodOnesAfterItIsAMiddleDamage() throws IOException {
        byte[] bytes = whole.clone();
        bytes[starts.get(0) + 1] ^= 0x40; // the length field
        Files.write(log, bytes);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileStorage.open(dir, 1));
        assertEquals(0, e.recordIndex());
        assertEquals(FileStorage.HEADER_BYTES, e.offset());
    }
}
