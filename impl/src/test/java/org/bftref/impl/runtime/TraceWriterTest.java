package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bftref.impl.core.TraceEvent;
import org.bftref.impl.core.Config;
import org.bftref.impl.crypto.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void linesFromManyThreadsAreWholeAndNeverInterleaved() throws Exception {
        StringWriter out = new StringWriter();
        TraceWriter writer = new TraceWriter(out);
        writer.header(Config.of(4, 1), Set.of(), 7);
        int threads = 4;
        int each = 2_000;
        List<Thread> started = new ArrayList<>();
        for (int r = 0; r < threads; r++) {
            int replica = r;
            Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    // Long parameters make a torn or interleaved line likely if writes were not whole.
                    writer.write(new TraceEvent("SendPrepare", replica, Map.of("n", i, "pad", "x".repeat(200))));
                }
            });
            started.add(t);
            t.start();
        }
        for (Thread t : started) {
            t.join();
        }
        writer.close();
        String[] lines = out.toString().split("\n", -1);
        assertEquals(1 + threads * each + 1, lines.length, "header, one line per event, and the final newline");
        assertEquals("", lines[lines.length - 1]);
        assertEquals("bftref-trace", JSON.readTree(lines[0]).get("format").asText());
        Set<String> events = new HashSet<>();
        long lastT = 0;
        for (int i = 1; i < lines.length - 1; i++) {
            JsonNode line = JSON.readTree(lines[i]); // throws on a torn line
            assertTrue(line.get("t").asLong() >= lastT, "time never goes back down the file");
            lastT = line.get("t").asLong();
            assertTrue(events.add(line.get("replica").asInt() + "/" + line.get("n").asInt()));
        }
        assertEquals(threads * each, events.size());
    }

    @Test
    void aTracedRunWritesTheHeaderAndTheHonestReplicasSteps(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.ndjson");
        RunResult r;
        try (TraceWriter trace = TraceWriter.open(file)) {
            r = Cluster.run(ClusterTest.fast().requests(50).byzantine(3, ByzantineStrategy.EQUIVOCATE).trace(trace));
        }
        assertEquals(50, r.completed());
        List<String> lines = Files.readAllLines(file);
        JsonNode header = JSON.readTree(lines.get(0));
        assertEquals(4, header.get("n").asInt());
        Set<String> actions = new HashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            JsonNode line = JSON.readTree(l);
            assertTrue(line.get("replica").asInt() != 3, "only honest replicas trace: " + l);
            actions.add(line.get("action").asText());
        }
        assertTrue(actions.containsAll(Set.of("SendPrePrepare", "SendPrepare", "SendCommit")), actions.toString());
    }

    @Test
    void theLinesAreTraceFormatVersion1() throws Exception {
        String line = TraceWriter.line(12, new TraceEvent("SendCommit", 2, Map.of("v", 0)));
        assertEquals("{\"action\":\"SendCommit\",\"replica\":2,\"v\":0,\"t\":12}", line);
        JsonNode header = JSON.readTree(TraceWriter.headerLine(Config.of(4, 1), Set.of(3), 9));
        assertEquals("bftref-trace", header.get("format").asText());
        assertEquals(1, header.get("version").asInt());
        assertEquals("[3]", header.get("faulty").toString());
        assertEquals(Codec.NULL_REQUEST_DIGEST.hex(), header.get("nullDigest").asText());
        assertEquals("bftref run, seed 9", header.get("source").asText());
    }
}
