package org.bftref.trace.format;

import static org.bftref.trace.format.TraceReaderTest.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several files of one trace: merged by (lc, replica), with one header and lc on every event. */
class TraceMergeTest {

    @TempDir
    Path dir;

    @Test
    void twoFilesInterleaveByLamportClock() throws Exception {
        Path a = file("r0.ndjson", HEADER.replace("}", ",\"source\":\"replica 0\"}"),
                event(0, 1), event(0, 3), event(0, 5));
        Path b = file("r1.ndjson", HEADER.replace("}", ",\"source\":\"replica 1\"}"),
                event(1, 2), event(1, 3), event(1, 4));
        Trace trace = TraceReader.read(List.of(a, b));

        assertEquals(List.of(1L, 2L, 3L, 3L, 4L, 5L), trace.events().stream().map(TraceLine::lc)
                .collect(Collectors.toList()));
        assertEquals(List.of(0, 1, 0, 1, 1, 0), trace.events().stream().map(TraceLine::replica)
                .collect(Collectors.toList()));
        assertEquals(List.of(a + ":2", b + ":2", a + ":3", b + ":3", b + ":4", a + ":4"),
                trace.events().stream().map(e -> e.file() + ":" + e.line()).collect(Collectors.toList()));
        assertEquals(List.of(a, b), trace.files());
        assertEquals("replica 0", trace.header().source());
    }

    @Test
    void mergeKeepsEachFilesOrder() throws Exception {
        // One file holds two replicas; its order (by lc) must survive the merge with the other file.
        Path a = file("a.ndjson", HEADER, event(0, 1), event(2, 2), event(0, 7), event(2, 9));
        Path b = file("b.ndjson", HEADER, event(1, 2), event(1, 8));
        Trace trace = TraceReader.read(List.of(b, a));
        List<String> order = trace.events().stream().map(e -> e.file().getFileName() + ":" + e.line())
                .collect(Collectors.toList());
        assertEquals(List.of("a.ndjson:2", "b.ndjson:2", "a.ndjson:3", "a.ndjson:4", "b.ndjson:3", "a.ndjson:5"),
                order);
    }

    @Test
    void headerOnlyFilesMerge() throws Exception {
        Path a = file("a.ndjson", HEADER);
        Path b = file("b.ndjson", HEADER, event(1, 1));
        assertEquals(1, TraceReader.read(List.of(a, b)).events().size());
    }

    @Test
    void equalKeysAcrossFilesAreAnImpossibleMerge() throws IOException {
        Path a = file("a.ndjson", HEADER, event(1, 1), event(1, 3));
        Path b = file("b.ndjson", HEADER, event(1, 2), event(1, 3));
        assertRejected(List.of(a, b), b + ":3: lc: (lc 3, replica 1) is also the key of " + a + ":3: events of"
                + " several files are merged by (lc, replica), which must be unique");
    }

    @Test
    void lcMustIncreaseStrictlyWithinAFile() throws IOException {
        Path a = file("a.ndjson", HEADER, event(0, 1), event(0, 4), event(0, 4));
        Path b = file("b.ndjson", HEADER, event(1, 2));
        assertRejected(List.of(a, b), a + ":4: lc: 4 is not above 4, the lc of line 3: lc increases strictly"
                + " within a file");
        Path c = file("c.ndjson", HEADER, event(0, 5), event(2, 3));
        assertRejected(List.of(b, c), c + ":3: lc: 3 is not above 5, the lc of line 2: lc increases strictly"
                + " within a file");
    }

    @Test
    void everyEventNeedsLcWithSeveralFiles() throws IOException {
        Path a = file("a.ndjson", HEADER, event(0, 1));
        Path b = file("b.ndjson", HEADER, event(1, 1),
                "{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"a1\"}");
        assertRejected(List.of(a, b), b + ":3: lc: missing: with several files every event needs its Lamport clock lc");
    }

    @Test
    void oneFileNeedsNoLcOrder() throws Exception {
        // All replicas in one file in the order things happened: lc, if present at all, is not checked.
        Path a = file("a.ndjson", HEADER, event(0, 5), event(1, 1),
                "{\"action\":\"SendPrepare\",\"replica\":2,\"v\":0,\"n\":1,\"d\":\"a1\"}");
        assertEquals(3, TraceReader.read(List.of(a)).events().size());
    }

    @Test
    void differingHeadersAreRejected() throws IOException {
        Path a = file("a.ndjson", HEADER, event(0, 1));
        Path b = file("b.ndjson", HEADER.replace("\"f\":1", "\"f\":0"), event(1, 2));
        assertRejected(List.of(a, b), b + ":1: header.f: differs from the header of " + a + " (1 there, 0 here):"
                + " all files of a trace have the same header (source aside)");
        Path c = file("c.ndjson", HEADER.replace("}", ",\"source\":\"x\"}").replace("\"faulty\":[3]",
                "\"faulty\":[]"));
        assertRejected(List.of(a, c), c + ":1: header.faulty: differs from the header of " + a + " ([3] there, []"
                + " here): all files of a trace have the same header (source aside)");
    }

    @Test
    void headersEqualAsJsonValuesAreTheSame() throws Exception {
        Path a = file("a.ndjson", HEADER, event(0, 1));
        Path b = file("b.ndjson", HEADER.replace("[0,1,2,3]", "[3,2,1,0]").replace("}", ",\"source\":\"b\"}"),
                event(1, 2));
        assertEquals(2, TraceReader.read(List.of(a, b)).events().size());
    }

    @Test
    void sameFileTwiceIsRejected() throws IOException {
        Path a = file("a.ndjson", HEADER, event(0, 1));
        assertRejected(List.of(a, a), a + ": given twice");
    }

    @Test
    void errorsNameTheFileTheyAreIn() throws IOException {
        Path a = file("a.ndjson", HEADER, event(0, 1));
        Path b = file("b.ndjson", HEADER, event(1, 2).replace("\"d\":\"a1\"", "\"d\":\"zz\""));
        assertRejected(List.of(a, b), b + ":2: d: \"zz\" is not a digest: lowercase hex, 1 to 128 characters");
    }

    private static String event(int replica, long lc) {
        return "{\"action\":\"SendPrepare\",\"replica\":" + replica + ",\"v\":0,\"n\":1,\"d\":\"a1\",\"lc\":" + lc + "}";
    }

    private Path file(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static void assertRejected(List<Path> files, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.read(files));
        assertEquals(message, e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
