package org.bftref.impl.runtime;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.impl.core.TraceEvent;

/**
 * Writes the protocol steps of honest replicas as NDJSON: a header line, then one line per core
 * {@code Effect.Traced} event, in the order the replicas' threads write them.
 *
 * <p>Whole lines only: each line is formatted and written, newline included, while holding the writer's lock,
 * so lines from different replica threads never interleave or tear. The timestamp is taken under the same lock,
 * so it never decreases down the file. Causal order (a step's line before the lines of steps its messages cause)
 * is the replica's doing: it writes a step's trace events before it sends that step's messages.
 *
 * <p>The line format is provisional, the same as {@code bftref simulate --trace} writes today; it lives in
 * {@link #line} and {@link #headerLine} alone, so that trace validation can redefine it in one place.
 *
 * <p>Threads: {@link #write} from every honest replica thread; {@link #header} and {@link #close} from the
 * thread that owns the cluster. An I/O error does not stop a replica: the first one is kept and thrown by
 * {@link #close}, and later events are not written.
 */
public final class TraceWriter implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private final long startNanos = System.nanoTime();
    private IOException failure;
    private boolean closed;

    public TraceWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** A trace file, created or truncated. */
    public static TraceWriter open(Path file) throws IOException {
        return new TraceWriter(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
    }

    /** The first line: what the run is. */
    public synchronized void header(int n, int f, long seed) {
        append(headerLine(n, f, seed));
    }

    /** One protocol step of an honest replica. */
    public synchronized void write(TraceEvent event) {
        append(line((System.nanoTime() - startNanos) / 1_000_000, event));
    }

    /** The header line, without its newline: the same shape as simulate's (seed: the keys' seed). */
    static String headerLine(int n, int f, long seed) {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", "bftref-trace").put("version", 0).put("protocol", "pbft")
                .put("n", n).put("f", f).put("seed", seed);
        return json(header);
    }

    /** One event's line, without its newline: milliseconds since the writer was made, replica, action, params. */
    static String line(long tMillis, TraceEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("t", tMillis).put("replica", event.replica()).put("action", event.action());
        line.set("params", JSON.valueToTree(event.params()));
        return json(line);
    }

    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of plain values always serializes", e);
        }
    }

    private void append(String line) {
        if (closed || failure != null) {
            return;
        }
        try {
            out.write(line + "\n"); // one write of the whole line
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Flushes and closes the output; throws the first write error, if there was one. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
