package org.bftref.trace.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlc2.value.impl.Value;

/**
 * The lazy reader TLC gets its events from: every (trace, event) asked for, in any order, is the line at that
 * position, through interleaved traces (one TLC run checks several), going back (TLC re-evaluates from the start
 * when it prints an error trace), lines longer than a block, and an index that does not match the file.
 */
class NormalizedTraceFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Traces of the given lengths; event k of trace t has n = k and d = "t.k", trace 2's event 3 a long digest. */
    private List<List<String>> write(int[] lengths, Path file, Path index) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder offsets = new StringBuilder();
        List<List<String>> lines = new ArrayList<>();
        for (int t = 1; t <= lengths.length; t++) {
            offsets.append(out.size()).append(' ').append(lengths[t - 1]).append('\n');
            List<String> trace = new ArrayList<>();
            trace.add("{\"format\":\"bftref-trace\",\"version\":1,\"n\":4,\"f\":1,\"replicas\":[0,1,2,3],\"faulty\":[" + (t % 4)
                    + "],\"checkpointInterval\":8,\"watermarkWindow\":32,\"nullDigest\":\"null-" + t + "\"}");
            for (int k = 1; k <= lengths[t - 1]; k++) {
                String d = t == 2 && k == 3 ? "x".repeat(3 * NormalizedTraceFile.BLOCK) : t + "." + k;
                trace.add("{\"action\":\"Execute\",\"replica\":" + (k % 3) + ",\"v\":0,\"n\":" + k + ",\"d\":\"" + d
                        + "\",\"commits\":[0,1,2]}");
            }
            for (String line : trace) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            lines.add(trace);
        }
        Files.write(file, out.toByteArray());
        Files.writeString(index, offsets);
        return lines;
    }

    private static Value value(String line) throws Exception {
        return TraceInputOverrides.toValue(JSON.readTree(line));
    }

    @Test
    void everyEventAskedForInAnyOrderIsTheLineAtItsPosition() throws Exception {
        int[] lengths = {40, 7, 0, 25};
        Path file = dir.resolve("traces.ndjson");
        Path index = dir.resolve("traces.index");
        List<List<String>> lines = write(lengths, file, index);
        Random random = new Random(4);
        try (NormalizedTraceFile traces = NormalizedTraceFile.open(file, index)) {
            assertEquals(lengths.length, traces.traceCount());
            for (int t = 1; t <= lengths.length; t++) {
                assertEquals(lengths[t - 1], traces.length(t));
                assertEquals(value(lines.get(t - 1).get(0)), traces.header(t));
            }
            // As TLC asks in a run of several traces: level by level, each event a few times.
            for (int k = 1; k <= 40; k++) {
                for (int t = 1; t <= lengths.length; t++) {
                    if (k <= lengths[t - 1]) {
                        for (int again = 0; again < 1 + random.nextInt(3); again++) {
                            assertEquals(value(lines.get(t - 1).get(k)), traces.event(t, k), "trace " + t + " event " + k);
                        }
                    }
                }
            }
            // Anywhere: back to the start, inside the window, skipping ahead.
            for (int step = 0; step < 2_000; step++) {
                int t = 1 + random.nextInt(lengths.length);
                if (lengths[t - 1] == 0) {
                    continue;
                }
                int k = 1 + random.nextInt(lengths[t - 1]);
                assertEquals(value(lines.get(t - 1).get(k)), traces.event(t, k), "trace " + t + " event " + k);
            }
        }
    }

    @Test
    void asksOutsideTheTracesAreRefused() throws Exception {
        Path file = dir.resolve("traces.ndjson");
        Path index = dir.resolve("traces.index");
        write(new int[] {3, 0}, file, index);
        try (NormalizedTraceFile traces = NormalizedTraceFile.open(file, index)) {
            assertThrows(IllegalArgumentException.class, () -> traces.event(1, 0));
            assertThrows(IllegalArgumentException.class, () -> traces.event(1, 4));
            assertThrows(IllegalArgumentException.class, () -> traces.event(2, 1));
            assertThrows(IllegalArgumentException.class, () -> traces.event(3, 1));
            assertThrows(IllegalArgumentException.class, () -> traces.header(0));
        }
    }

    @Test
    void anIndexThatDoesNotMatchTheFileIsAnErrorNotAWrongEvent() throws Exception {
        Path file = dir.resolve("traces.ndjson");
        Path index = dir.resolve("traces.index");
        write(new int[] {5, 4}, file, index);
        List<String> good = Files.readAllLines(index);
        long second = Long.parseLong(good.get(1).split(" ")[0]);

        // One event too many for trace 1: its "event 6" would be trace 2's header.
        Files.writeString(index, "0 6\n" + good.get(1) + "\n");
        try (NormalizedTraceFile traces = NormalizedTraceFile.open(file, index)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> traces.event(1, 6));
            assertTrue(e.getMessage().contains("index"), e.getMessage());
        }
        // One too few: the last event by the index does not end where trace 2 starts.
        Files.writeString(index, "0 4\n" + good.get(1) + "\n");
        try (NormalizedTraceFile traces = NormalizedTraceFile.open(file, index)) {
            assertThrows(IllegalStateException.class, () -> traces.event(1, 4));
        }
        // Trace 2 put on an event line.
        Files.writeString(index, "0 5\n" + (second - 10) + " 4\n");
        assertThrows(IllegalStateException.class, () -> NormalizedTraceFile.open(file, index));
        // Past the end of the file.
        Files.writeString(index, "0 5\n" + (Files.size(file) + 1) + " 4\n");
        assertThrows(IllegalStateException.class, () -> NormalizedTraceFile.open(file, index));
    }
}
