package org.bftref.trace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one file: the worked example of FORMAT.md, every action, and one test per class of bad input. */
class TraceReaderTest {

    static final String HEADER = "{\"format\":\"bftref-trace\",\"version\":1,\"protocol\":\"pbft\",\"n\":4,\"f\":1,"
            + "\"replicas\":[0,1,2,3],\"faulty\":[3],\"checkpointInterval\":4,\"watermarkWindow\":8,"
            + "\"nullDigest\":\"e3b0\"}";
    static final String PREPARE = "{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\"}";

    // ---- valid input

    @Test
    void workedExampleOfFormatMdReadsBack() throws Exception {
        String example = FormatDoc.workedExample();
        Trace trace = TraceReader.read("example.ndjson", bytes(example));

        TraceHeader h = trace.header();
        assertEquals(4, h.n());
        assertEquals(1, h.f());
        assertEquals(List.of(0, 1, 2, 3), h.replicas());
        assertEquals(new TreeSet<>(Set.of(3)), h.faulty());
        assertEquals(4, h.checkpointInterval());
        assertEquals(8, h.watermarkWindow());
        assertEquals("e3b0", h.nullDigest());
        assertNull(h.source());
        assertEquals("bftref-trace", h.json().get("format").asText());

        assertEquals(List.of(Path.of("example.ndjson")), trace.files());
        assertEquals(7, trace.events().size());
        assertEquals(List.of("SendPrePrepare", "SendPrepare", "SendPrepare", "SendCommit", "SendCommit",
                "SendCommit", "Execute"), trace.events().stream().map(TraceLine::action).collect(Collectors.toList()));
        assertEquals(List.of(0, 1, 2, 1, 0, 2, 1),
                trace.events().stream().map(TraceLine::replica).collect(Collectors.toList()));
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8),
                trace.events().stream().map(TraceLine::line).collect(Collectors.toList()));
        TraceLine execute = trace.events().get(6);
        assertEquals(Path.of("example.ndjson"), execute.file());
        assertNull(execute.lc());
        assertEquals("[0,1,2]", execute.json().get("commits").toString());
        assertEquals("a1", execute.json().get("d").asText());
    }

    @Test
    void everyActionReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("all-actions.ndjson");
        try (InputStream in = getClass().getResourceAsStream("all-actions.ndjson")) {
            Files.write(file, in.readAllBytes());
        }
        Trace trace = TraceReader.read(file);
        assertEquals(TraceReader.ACTIONS,
                trace.events().stream().map(TraceLine::action).collect(Collectors.toList()));
        assertEquals("hand-written: one event per action", trace.header().source());
        assertEquals(17L, trace.events().get(10).lc());
        assertEquals(12, trace.events().get(10).line());
        assertEquals(file, trace.events().get(0).file());
    }

    @Test
    void headerOnlyFileIsATraceWithNoEvents() throws Exception {
        assertTrue(TraceReader.read("h.ndjson", bytes(HEADER + "\n")).events().isEmpty());
        assertTrue(TraceReader.read("h.ndjson", bytes(HEADER)).events().isEmpty());
    }

    @Test
    void crlfLineEndsAndAMissingFinalNewlineAreAccepted() throws Exception {
        assertEquals(1, TraceReader.read("t.ndjson", bytes(HEADER + "\r\n" + PREPARE + "\r\n")).events().size());
        assertEquals(1, TraceReader.read("t.ndjson", bytes(HEADER + "\n" + PREPARE)).events().size());
    }

    @Test
    void setOrderAndKeyOrderDoNotMatter() throws Exception {
        String header = "{\"nullDigest\":\"e3b0\",\"replicas\":[3,1,0,2],\"faulty\":[3],\"f\":1,\"n\":4,"
                + "\"format\":\"bftref-trace\",\"protocol\":\"pbft\",\"version\":1,\"checkpointInterval\":4,"
                + "\"watermarkWindow\":8}";
        Trace t = TraceReader.read("t.ndjson", bytes(header + "\n"));
        assertEquals(List.of(0, 1, 2, 3), t.header().replicas());
    }

    @Test
    void largestIntegerIsAccepted() throws Exception {
        Trace t = TraceReader.read("t.ndjson", bytes(HEADER + "\n"
                + "{\"action\":\"SendPrepare\",\"replica\":1,\"v\":9007199254740991,\"n\":1,\"d\":\"a1\"}\n"));
        assertEquals(9007199254740991L, t.events().get(0).json().get("v").longValue());
    }

    // ---- the bad-input classes of issue 4

    @Test
    void malformedJsonIsRejectedWithItsLine() {
        assertRejected(HEADER + "\n" + PREPARE + "\n{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\n",
                "bad.ndjson:3: malformed JSON at column 43: Unexpected end-of-input within/between Object entries");
    }

    @Test
    void missingHeaderIsRejected() {
        assertRejected(PREPARE + "\n",
                "bad.ndjson:1: header: line 1 must be the header, found an event (action \"SendPrepare\")");
    }

    @Test
    void unknownEventIsRejected() {
        assertRejected(HEADER + "\n" + PREPARE + "\n{\"action\":\"SendReply\",\"replica\":1,\"v\":0}\n",
                "bad.ndjson:3: action: unknown action \"SendReply\": the actions are SendPrePrepare, SendPrepare,"
                        + " SendCommit, Execute, SendCheckpoint, CheckpointStable, SendViewChange, SendNewView,"
                        + " AcceptNewView, StateTransfer, Restart");
    }

    @Test
    void unknownFieldIsRejected() {
        assertRejected(HEADER + "\n{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\","
                        + "\"digest\":\"a1\"}\n",
                "bad.ndjson:2: digest: unknown field: SendPrepare has action, replica, lc, t, v, n, d");
        assertRejected(HEADER.replace("}", ",\"sorce\":\"x\"}") + "\n",
                "bad.ndjson:1: header.sorce: unknown field");
        assertRejected(HEADER + "\n{\"action\":\"SendViewChange\",\"replica\":1,\"v\":1,\"h\":0,"
                        + "\"P\":[{\"n\":1,\"v\":0,\"d\":\"a1\",\"x\":0}]}\n",
                "bad.ndjson:2: P[0].x: unknown field");
    }

    @Test
    void wrongTypesAreRejected() {
        assertRejected(HEADER + "\n{\"action\":\"SendPrepare\",\"replica\":1,\"v\":\"0\",\"n\":1,\"d\":\"a1\"}\n",
                "bad.ndjson:2: v: expected an integer, found a string \"0\"");
        assertRejected(HEADER + "\n{\"action\":\"SendNewView\",\"replica\":1,\"v\":1,\"V\":[{\"r\":0,\"h\":0,"
                        + "\"P\":[{\"n\":1,\"v\":0,\"d\":7}]}],\"O\":[]}\n",
                "bad.ndjson:2: V[0].P[0].d: expected a string, found an integer 7");
        assertRejected(HEADER.replace("\"n\":4", "\"n\":\"4\"") + "\n",
                "bad.ndjson:1: header.n: expected an integer, found a string \"4\"");
        assertRejected(HEADER + "\n{\"action\":\"SendCommit\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\","
                        + "\"prepares\":3}\n",
                "bad.ndjson:2: prepares: expected an array, found an integer 3");
        assertRejected(HEADER + "\n[1,2]\n", "bad.ndjson:2: expected a JSON object, found an array");
    }

    @Test
    void missingFieldsAreRejected() {
        assertRejected(HEADER + "\n{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"d\":\"a1\"}\n",
                "bad.ndjson:2: n: missing: SendPrepare has action, replica, v, n, d");
        assertRejected(HEADER.replace("\"f\":1,", "") + "\n", "bad.ndjson:1: header.f: missing (required)");
    }

    @Test
    void digestsAreLowercaseHex() {
        assertRejected(HEADER + "\n{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"A1\"}\n",
                "bad.ndjson:2: d: \"A1\" is not a digest: lowercase hex, 1 to 128 characters");
    }

    @Test
    void idsOutsideZeroToNMinusOneAreRejected() {
        assertRejected(HEADER + "\n{\"action\":\"SendPrepare\",\"replica\":4,\"v\":0,\"n\":1,\"d\":\"a1\"}\n",
                "bad.ndjson:2: replica: 4 is not a replica id: ids are 0 .. n-1 = 0 .. 3");
        assertRejected(HEADER + "\n{\"action\":\"SendCommit\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\","
                        + "\"prepares\":[1,7]}\n",
                "bad.ndjson:2: prepares[1]: 7 is not a replica id: ids are 0 .. n-1 = 0 .. 3");
        assertRejected(HEADER + "\n{\"action\":\"Execute\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\","
                        + "\"commits\":[0,1,4]}\n",
                "bad.ndjson:2: commits[2]: 4 is not a replica id: ids are 0 .. n-1 = 0 .. 3");
        assertRejected(HEADER + "\n{\"action\":\"CheckpointStable\",\"replica\":1,\"n\":4,\"state\":\"ab\","
                        + "\"proof\":[9,1,2]}\n",
                "bad.ndjson:2: proof[0]: 9 is not a replica id: ids are 0 .. n-1 = 0 .. 3");
        assertRejected(HEADER + "\n{\"action\":\"AcceptNewView\",\"replica\":2,\"v\":1,\"V\":[{\"r\":0,\"h\":0,"
                        + "\"P\":[]},{\"r\":5,\"h\":0,\"P\":[]}],\"O\":[]}\n",
                "bad.ndjson:2: V[1].r: 5 is not a replica id: ids are 0 .. n-1 = 0 .. 3");
        assertRejected(HEADER + "\n{\"action\":\"SendPrepare\",\"replica\":-1,\"v\":0,\"n\":1,\"d\":\"a1\"}\n",
                "bad.ndjson:2: replica: must not be negative, found -1");
        assertRejected(HEADER.replace("[0,1,2,3]", "[0,1,2,4]") + "\n",
                "bad.ndjson:1: header.replicas[3]: 4 is not below n = 4: replicas must be exactly 0 .. 3");
        assertRejected(HEADER.replace("[0,1,2,3]", "[0,1,2]") + "\n",
                "bad.ndjson:1: header.replicas: must be exactly 0 .. n-1 = 0 .. 3, found 3 ids");
        assertRejected(HEADER.replace("\"faulty\":[3]", "\"faulty\":[4]") + "\n",
                "bad.ndjson:1: header.faulty[0]: 4 is not a replica (0 .. 3)");
    }

    @Test
    void emptyFileIsRejected() {
        assertRejected("", "bad.ndjson:1: header: empty file: line 1 must be the header");
    }

    @Test
    void tenMegabyteLineIsRejectedWhileStreaming(@TempDir Path dir) throws IOException {
        byte[] d = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(d, (byte) 'a');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes(HEADER + "\n{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\""));
        out.write(d);
        out.write(bytes("\"}\n"));
        Path file = dir.resolve("big.ndjson");
        Files.write(file, out.toByteArray());
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.read(file));
        assertEquals(file + ":2: line longer than 1048576 bytes (1 MiB), the limit of the format", e.getMessage());
        assertOneLine(e);
    }

    @Test
    void lineOfExactlyOneMebibyteIsAccepted() throws Exception {
        String start = "{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\",\"t\":1}";
        String line = start.replace("\"t\":1}", " ".repeat(TraceReader.MAX_LINE_BYTES - start.length()) + "\"t\":1}");
        assertEquals(TraceReader.MAX_LINE_BYTES, line.length());
        assertEquals(1, TraceReader.read("t.ndjson", bytes(HEADER + "\n" + line + "\r\n")).events().size());
        assertRejected(HEADER + "\n " + line + "\n",
                "bad.ndjson:2: line longer than 1048576 bytes (1 MiB), the limit of the format");
    }

    @Test
    void invalidUtf8IsRejectedWithItsLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes(HEADER + "\n" + PREPARE + "\n{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,"
                + "\"d\":\"a1\",\"x\":\"caf"));
        out.write(new byte[] {(byte) 0xc3, (byte) 0x28});
        out.write(bytes("\"}\n"));
        assertRejectedBytes(out.toByteArray(), "bad.ndjson:3: invalid UTF-8 at byte 66 of the line");
        // An encoded surrogate (ED A0 80) is not UTF-8 either.
        assertRejectedBytes(concat(bytes(HEADER + "\n{\"\u00e9"), new byte[] {(byte) 0xed, (byte) 0xa0,
                (byte) 0x80}, bytes("\":1}\n")), "bad.ndjson:2: invalid UTF-8 at byte 5 of the line");
    }

    @Test
    void duplicatesInASetAreRejected() {
        assertRejected(HEADER + "\n{\"action\":\"SendCommit\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\","
                        + "\"prepares\":[1,2,1]}\n",
                "bad.ndjson:2: prepares[2]: duplicate in a set: 1 is also at [0]");
        assertRejected(HEADER.replace("\"faulty\":[3]", "\"faulty\":[3,3]") + "\n",
                "bad.ndjson:1: header.faulty[1]: duplicate in a set: 3 is also at [0]");
        assertRejected(HEADER + "\n{\"action\":\"SendNewView\",\"replica\":1,\"v\":1,\"V\":[],"
                        + "\"O\":[{\"n\":1,\"d\":\"a1\"},{\"d\":\"a1\",\"n\":1}]}\n",
                "bad.ndjson:2: O[1]: duplicate in a set: {\"d\":\"a1\",\"n\":1} is also at [0]");
        // Equal as sets, not as arrays: the same VIEW-CHANGE with its P in another order.
        assertRejected(HEADER + "\n{\"action\":\"SendNewView\",\"replica\":1,\"v\":1,\"V\":["
                        + "{\"r\":0,\"h\":0,\"P\":[{\"n\":1,\"v\":0,\"d\":\"a1\"},{\"n\":2,\"v\":0,\"d\":\"b2\"}]},"
                        + "{\"r\":0,\"h\":0,\"P\":[{\"n\":2,\"v\":0,\"d\":\"b2\"},{\"n\":1,\"v\":0,\"d\":\"a1\"}]}],"
                        + "\"O\":[]}\n",
                "bad.ndjson:2: V[1]: duplicate in a set: the same VIEW-CHANGE as V[0] (P compared as a set)");
    }

    @Test
    void eventFromAFaultyReplicaIsRejected() {
        assertRejected(HEADER + "\n" + PREPARE.replace("\"replica\":1", "\"replica\":3") + "\n",
                "bad.ndjson:2: replica: replica 3 is faulty (header.faulty): faulty replicas do not log");
    }

    // ---- further bad input: encoding, lines, numbers, files

    @Test
    void byteOrderMarkIsRejected() {
        assertRejectedBytes(concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes(HEADER + "\n")),
                "bad.ndjson:1: starts with a byte order mark (U+FEFF): trace files are UTF-8 without one");
    }

    @Test
    void blankLinesAreRejected() {
        assertRejected(HEADER + "\n\n" + PREPARE + "\n", "bad.ndjson:2: blank line: every line is one JSON object");
        assertRejected(HEADER + "\n" + PREPARE + "\n  \r\n",
                "bad.ndjson:3: blank line: every line is one JSON object");
        assertRejected(HEADER + "\n" + PREPARE + "\n\n", "bad.ndjson:3: blank line: every line is one JSON object");
        assertRejected("\n" + HEADER + "\n",
                "bad.ndjson:1: blank line: every line is one JSON object (line 1 is the header)");
    }

    @Test
    void numbersAreNonNegativeIntegersBelowTwoToThe53() {
        assertRejected(HEADER + "\n" + PREPARE.replace("\"v\":0", "\"v\":1.0") + "\n",
                "bad.ndjson:2: v: numbers in a trace are integers, found 1.0");
        assertRejected(HEADER + "\n" + PREPARE.replace("\"v\":0", "\"v\":1e2") + "\n",
                "bad.ndjson:2: v: numbers in a trace are integers, found 100.0");
        assertRejected(HEADER.replace("\"f\":1", "\"f\":1.5") + "\n",
                "bad.ndjson:1: header.f: numbers in a trace are integers, found 1.5");
        assertRejected(HEADER + "\n" + PREPARE.replace("\"n\":1", "\"n\":-5") + "\n",
                "bad.ndjson:2: n: must not be negative, found -5");
        assertRejected(HEADER + "\n" + PREPARE.replace("\"v\":0", "\"v\":9007199254740992") + "\n",
                "bad.ndjson:2: v: must be at most 9007199254740991 (2^53 - 1), found 9007199254740992");
        assertRejected(HEADER + "\n" + PREPARE.replace("\"v\":0", "\"v\":123456789012345678901234567890") + "\n",
                "bad.ndjson:2: v: must be at most 9007199254740991 (2^53 - 1), found 123456789012345678901234567890");
        assertRejected(HEADER.replace("\"checkpointInterval\":4", "\"checkpointInterval\":4294967296") + "\n",
                "bad.ndjson:1: header.checkpointInterval: must be at most 2147483647 (2^31 - 1), found 4294967296");
        assertRejected(HEADER + "\n" + PREPARE.replace("}", ",\"lc\":0}") + "\n",
                "bad.ndjson:2: lc: must be at least 1, found 0");
    }

    @Test
    void headerValuesAreChecked() {
        assertRejected(HEADER.replace("\"version\":1", "\"version\":2") + "\n",
                "bad.ndjson:1: header.version: unsupported version 2: this reader reads version 1");
        assertRejected(HEADER.replace("\"pbft\"", "\"hotstuff\"") + "\n",
                "bad.ndjson:1: header.protocol: expected \"pbft\", found \"hotstuff\"");
        assertRejected(HEADER.replace("\"n\":4", "\"n\":0") + "\n",
                "bad.ndjson:1: header.n: must be at least 1, found 0");
    }

    @Test
    void secondHeaderIsRejected() {
        assertRejected(HEADER + "\n" + PREPARE + "\n" + HEADER + "\n",
                "bad.ndjson:3: format: a header after line 1: give the files of a trace as separate files");
    }

    @Test
    void duplicateKeysAndTrailingValuesAreMalformed() {
        assertRejected(HEADER + "\n" + PREPARE.replace("\"v\":0", "\"v\":0,\"v\":1") + "\n",
                "bad.ndjson:2: malformed JSON at column 46: Duplicate field 'v'");
        assertRejected(HEADER + "\n" + PREPARE + " {}\n",
                "bad.ndjson:2: malformed JSON at column 60: more than one JSON value on the line");
    }

    @Test
    void deepNestingIsRejectedEarly() {
        assertRejected(HEADER + "\n{\"x\":" + "[".repeat(100_000) + "\n",
                "bad.ndjson:2: malformed JSON: Document nesting depth (17) exceeds the maximum allowed (16, from"
                        + " `StreamReadConstraints.getMaxNestingDepth()`)");
    }

    @Test
    void controlCharactersInTheInputStayOutOfTheMessageLayout() {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.read("bad.ndjson",
                bytes(HEADER + "\n{\"action\":\"Send\\nPrepare\\u2028\",\"replica\":1}\n")));
        assertOneLine(e);
        assertTrue(e.getMessage().startsWith("bad.ndjson:2: action: unknown action \"Send\\nPrepare\\u2028\""),
                e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreRejectedByName(@TempDir Path dir) {
        Path missing = dir.resolve("missing.ndjson");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> TraceReader.read(dir));
        assertEquals(dir + ": is a directory, not a trace file", e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> TraceReader.read(List.of()));
        assertEquals("no trace file given", e.getMessage());
    }

    @Test
    void lineSourceStopsReadingAtTheLimit() throws Exception {
        // An endless line: the reader must fail after about 1 MiB, not read (or buffer) the rest.
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                read[0] += len;
                return len;
            }
        };
        LineSource lines = new LineSource(endless, TraceReader.MAX_LINE_BYTES);
        assertThrows(LineSource.LineTooLongException.class, lines::next);
        assertEquals(1, lines.lineNumber());
        assertTrue(read[0] <= TraceReader.MAX_LINE_BYTES + 64 * 1024, "read " + read[0] + " bytes");
    }

    // ---- helpers

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static void assertRejected(String content, String message) {
        assertRejectedBytes(bytes(content), message);
    }

    static void assertRejectedBytes(byte[] content, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TraceReader.read("bad.ndjson", content));
        assertEquals(message, e.getMessage());
        assertOneLine(e);
    }

    static void assertOneLine(TraceFormatException e) {
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), m);
    }
}
