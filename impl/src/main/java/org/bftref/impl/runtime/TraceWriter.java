package org.bftref.impl.runtime;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import java.util.Collection;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.TraceEvent;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.trace.TraceFormat;

/**
 * Writes the protocol steps of honest replicas as NDJSON: a header line, then one line per core
 * {@code Effect.Traced} event, in the order the replicas' threads write them.
 *
 * <p>Whole lines only: each line is formatted and written, newline included, while holding the writer's lock,
 * so lines from different replica threads never interleave or tear. The timestamp is taken under the same lock,
 * so it never decreases down the file. Causal order (a step's line before the lines of steps its messages cause)
 * is the replica's doing: it writes a step's trace events before it sends that step's messages.
 *
 * <p>The lines are the trace format v1 (trace-validation/FORMAT.md), written by {@link TraceFormat} as
 * {@code bftref simulate --trace} does, so {@code bftref validate} checks a run's trace against the spec. One file
 * holds every honest replica's steps in the order they were written, which is a causal order, so no Lamport clock.
 *
 * <p>Threads: {@link #write} from every honest replica thread; {@link #header} and {@link #close} from the
 * thread that owns the cluster. An I/O error does not stop a replica: the first one is kept and thrown by
 * {@link #close}, and later events are not written.
 */
public final class TraceWriter implements Closeable {

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

    /** The first line: what the run is (format v1; {@code faulty}: the replicas that do not log). */
    public synchronized void header(Config config, Collection<Integer> faulty, long seed) {
        append(headerLine(config, faulty, seed));
    }

    /** One protocol step of an honest replica. */
    public synchronized void write(TraceEvent event) {
        append(line((System.nanoTime() - startNanos) / 1_000_000, event));
    }

    /** The header line, without its newline (seed: the keys' seed, named in the header's source). */
    static String headerLine(Config config, Collection<Integer> faulty, long seed) {
        return TraceFormat.header(config, faulty, Codec.NULL_REQUEST_DIGEST.hex(), "bftref run, seed " + seed);
    }

    /** One event's line, without its newline: the event in format v1, with milliseconds since the writer was made. */
    static String line(long tMillis, TraceEvent event) {
        return TraceFormat.event(event, null, tMillis);
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
