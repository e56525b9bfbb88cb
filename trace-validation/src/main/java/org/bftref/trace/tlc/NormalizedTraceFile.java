package org.bftref.trace.tlc;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import tlc2.value.impl.Value;

/**
 * The validator's normalized traces, read one event at a time, so that TLC's memory does not grow with the
 * length of a trace.
 *
 * <p>The normalized file holds, for each trace, its header line and then one line per event (see
 * {@link TraceInputOverrides}). Its index, written by the validator next to it, has one line per trace: the byte
 * offset of the trace's header line and its number of events, separated by a space. This class keeps the headers
 * (one per trace) and, per trace, a cursor: the index and byte offset of the next event line and the last few
 * events it turned into TLA+ values. TracePBFT asks for events of a trace in increasing order (its successor is a
 * function of the state and the event), so each line is read and parsed about once. An earlier event than the
 * cursor keeps (TLC re-evaluates from the initial state when it prints an error trace) restarts the cursor at
 * the trace's first event: slower, but every event is still the line at its own position, counted from the
 * header, never a neighbour's.
 *
 * <p>Memory: the headers, {@link #WINDOW} events per trace, and one block of the file ({@link #BLOCK} bytes, more
 * only for a longer line), whatever the traces' lengths.
 */
public final class NormalizedTraceFile implements Closeable {

    /** Events each cursor keeps after parsing them: enough for TLC asking for one event several times. */
    static final int WINDOW = 4;
    /** Bytes read from the file at once. */
    static final int BLOCK = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final Value[] headers;
    private final long[] headerEnds;
    private final int[] lengths;
    private final long[] ends;
    private final Cursor[] cursors;

    /** The block of the file last read: bytes [blockStart, blockStart + block.limit()). */
    private ByteBuffer block = ByteBuffer.allocate(BLOCK);
    private long blockStart = -1;

    private NormalizedTraceFile(Path file, FileChannel channel, List<long[]> index) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        int count = index.size();
        headers = new Value[count];
        headerEnds = new long[count];
        lengths = new int[count];
        ends = new long[count];
        cursors = new Cursor[count];
        for (int t = 0; t < count; t++) {
            long start = index.get(t)[0];
            long end = t + 1 < count ? index.get(t + 1)[0] : size;
            if (start < 0 || start >= end) {
                throw new IllegalStateException(file + ": the index puts trace " + (t + 1) + " at byte " + start
                        + ", outside the file or not after the trace before it");
            }
            byte[] line = lineAt(start);
            JsonNode header;
            try {
                header = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                header = null; // not the start of a line
            }
            if (header == null || !header.has("format")) {
                throw new IllegalStateException(file + ": the index puts trace " + (t + 1) + " at byte " + start
                        + ", which does not start a header line");
            }
            headers[t] = TraceInputOverrides.toValue(header);
            headerEnds[t] = start + line.length + 1;
            lengths[t] = (int) index.get(t)[1];
            ends[t] = end;
        }
    }

    /** Opens {@code file} with its index {@code indexFile} (lines "offset events", one per trace). */
    public static NormalizedTraceFile open(Path file, Path indexFile) {
        List<long[]> index = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(indexFile, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length != 2) {
                    throw new IllegalStateException(indexFile + ": expected \"offset events\", found \"" + line + "\"");
                }
                index.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                return new NormalizedTraceFile(file, channel, index);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the normalized traces " + file + " (index " + indexFile + ")", e);
        }
    }

    /** The number of traces. */
    public int traceCount() {
        return headers.length;
    }

    /** The header of trace {@code t} (from 1). */
    public Value header(int t) {
        return headers[checkTrace(t)];
    }

    /** The number of events of trace {@code t}. */
    public int length(int t) {
        return lengths[checkTrace(t)];
    }

    /** Event {@code k} (from 1) of trace {@code t} (from 1). */
    public synchronized Value event(int t, int k) {
        int x = checkTrace(t);
        if (k < 1 || k > lengths[x]) {
            throw new IllegalArgumentException("trace " + t + " has events 1 .. " + lengths[x] + ", not " + k);
        }
        Cursor c = cursors[x];
        if (c == null || k <= c.next - 1 - WINDOW) {
            c = new Cursor(headerEnds[x]); // before the window: start again at the first event
            cursors[x] = c;
        }
        if (k < c.next) {
            return c.window[(k - 1) % WINDOW];
        }
        try {
            while (c.next <= k) {
                byte[] line = lineAt(c.offset);
                c.offset += line.length + 1;
                Value event = c.next == k || k - c.next < WINDOW ? TraceInputOverrides.toValue(JSON.readTree(line)) : null;
                c.window[(c.next - 1) % WINDOW] = event;
                c.next++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event " + k + " of trace " + t + " from " + file, e);
        }
        if (c.next - 1 == lengths[x] && c.offset != ends[x]) {
            throw new IllegalStateException(file + ": trace " + t + " has " + lengths[x] + " events by its index, but"
                    + " they end at byte " + c.offset + " and the next trace starts at byte " + ends[x]);
        }
        return c.window[(k - 1) % WINDOW];
    }

    private int checkTrace(int t) {
        if (t < 1 || t > headers.length) {
            throw new IllegalArgumentException("there are traces 1 .. " + headers.length + ", not " + t);
        }
        return t - 1;
    }

    /** The line that starts at byte {@code offset}, without its line end. */
    private byte[] lineAt(long offset) throws IOException {
        while (true) {
            if (blockStart >= 0 && offset >= blockStart && offset < blockStart + block.limit()) {
                int from = (int) (offset - blockStart);
                for (int p = from; p < block.limit(); p++) {
                    if (block.get(p) == '\n') {
                        byte[] line = new byte[p - from];
                        block.get(from, line);
                        return line;
                    }
                }
                if (blockStart + block.limit() >= size) {
                    throw new IllegalStateException(file + ": the line at byte " + offset + " has no line end");
                }
                if (from == 0) {
                    // A line longer than the block: read it with a larger one.
                    block = ByteBuffer.allocate(block.capacity() * 2);
                }
            } else if (offset >= size) {
                throw new IllegalStateException(file + ": no line at byte " + offset + ", the file has " + size);
            }
            block.clear();
            blockStart = offset;
            while (block.hasRemaining() && channel.read(block, offset + block.position()) >= 0) {
                // fill the block, or stop at the end of the file
            }
            block.flip();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Where a trace is read next, and the events just before. */
    private static final class Cursor {
        int next = 1;
        long offset;
        final Value[] window = new Value[WINDOW];

        Cursor(long offset) {
            this.offset = offset;
        }
    }
}
