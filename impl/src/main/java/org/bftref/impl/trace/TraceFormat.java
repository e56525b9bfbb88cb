package org.bftref.impl.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.TraceEvent;

/**
 * Writes trace lines in the bftref trace format, version 1 (trace-validation/FORMAT.md): a header line, then
 * one line per {@link TraceEvent} of an honest replica. Pure functions of their arguments, so the same run
 * gives the same bytes; the simulator and the runtime both write through here.
 */
public final class TraceFormat {

    public static final String FORMAT = "bftref-trace";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceFormat() {
    }

    /**
     * Writes a whole trace file: each line (a header or an event, as this class makes them) followed by
     * {@code '\n'}, UTF-8, whatever the platform's line separator, since the format is NDJSON and a trace must be
     * the same bytes wherever it was written.
     */
    public static void writeFile(Path file, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * The header line (without the line end).
     *
     * @param faulty     the replicas that do not log (Byzantine in this run)
     * @param nullDigest the hex digest of the empty batch, which a NEW-VIEW uses for the null request
     * @param source     free text naming what wrote the trace, or null
     */
    public static String header(Config config, Collection<Integer> faulty, String nullDigest, String source) {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT).put("version", VERSION).put("protocol", "pbft")
                .put("n", config.n()).put("f", config.f());
        ArrayNode replicas = header.putArray("replicas");
        for (int r = 0; r < config.n(); r++) {
            replicas.add(r);
        }
        ArrayNode faultyIds = header.putArray("faulty");
        new TreeSet<>(faulty).forEach(faultyIds::add);
        header.put("checkpointInterval", config.checkpointInterval())
                .put("watermarkWindow", config.watermarkWindow())
                .put("nullDigest", nullDigest);
        if (source != null) {
            header.put("source", source);
        }
        return write(header);
    }

    /**
     * One event line (without the line end): action, replica, then the event's parameters in the order the
     * core gave them.
     *
     * @param lamportClock the event's Lamport clock, or null when one file holds every replica's events in order
     * @param timeMillis   a timestamp (virtual or wall-clock), or null
     */
    public static String event(TraceEvent event, Long lamportClock, Long timeMillis) {
        ObjectNode line = JSON.createObjectNode();
        line.put("action", event.action()).put("replica", event.replica());
        for (Map.Entry<String, Object> p : event.params().entrySet()) {
            line.set(p.getKey(), JSON.valueToTree(p.getValue()));
        }
        if (lamportClock != null) {
            line.put("lc", lamportClock);
        }
        if (timeMillis != null) {
            line.put("t", timeMillis);
        }
        return write(line);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trace values are plain numbers, strings and lists", e);
        }
    }
}
