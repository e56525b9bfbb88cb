package org.bftref.impl.runtime;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.TraceEvent;

/**
 * Test helpers for the trace writer: a Writer that makes torn lines likely if the writer's lock ever fails to
 * cover a whole line, two events, and a check that a line is exactly one event's line.
 */
final class TraceLines {

    static final Config CONFIG = Config.of(4, 1);
    static final TraceEvent PREPARE = event("SendPrepare", 1, 7);
    static final TraceEvent COMMIT = event("SendCommit", 2, 7);

    private static final Pattern TIME = Pattern.compile("\"t\":(\\d+)");

    private TraceLines() {
    }

    private static TraceEvent event(String action, int replica, long n) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("v", 0);
        params.put("n", n);
        params.put("d", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        return new TraceEvent(action, replica, params);
    }

    /** The header TraceWriter writes for this run. */
    static String header() {
        return TraceWriter.headerLine(CONFIG, List.of(), 1);
    }

    /**
     * Whether {@code line} is exactly {@code event}'s line at the time it carries: any stray character from
     * another line, or a missing one, fails.
     */
    static boolean isLineOf(String line, TraceEvent event) {
        Matcher m = TIME.matcher(line);
        return m.find() && line.equals(TraceWriter.line(Long.parseLong(m.group(1)), event));
    }

    /** The time a well-formed event line carries, or -1. */
    static long time(String line) {
        Matcher m = TIME.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Appends one character at a time (with a spin hint between characters, where another thread could cut in),
     * and refuses writes after close as a file writer does (BufferedWriter: "Stream closed"). Characters are
     * appended under the buffer's own lock, so the buffer itself never corrupts: only the trace writer's lock
     * keeps lines whole.
     */
    static final class SlowWriter extends Writer {
        private final StringBuffer out = new StringBuffer();
        private volatile boolean closed;

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("Stream closed");
            }
            for (int i = off; i < off + len; i++) {
                out.append(chars[i]);
                Thread.onSpinWait();
            }
        }

        /**
         * Writer's own write(String) copies the string under the Writer's lock, which would keep lines whole by
         * itself and hide a missing lock in TraceWriter; this one takes no lock.
         */
        @Override
        public void write(String s, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("Stream closed");
            }
            for (int i = off; i < off + len; i++) {
                out.append(s.charAt(i));
                Thread.onSpinWait();
            }
        }

        @Override
        public void flush() throws IOException {
            if (closed) {
                throw new IOException("Stream closed");
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return out.toString();
        }
    }
}
