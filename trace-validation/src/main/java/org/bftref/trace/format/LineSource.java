package org.bftref.trace.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines at {@code \n} with a bounded buffer: a line longer than {@code maxLineBytes}
 * (not counting its line end) is reported as soon as the limit is passed, without reading the rest of it. One
 * {@code \r} right before the {@code \n} (or at the end of the input) is dropped, so {@code \r\n} files read
 * like {@code \n} files.
 */
final class LineSource {

    /** Thrown when a line passes the limit; the line number is {@link #lineNumber()}. */
    static final class LineTooLongException extends Exception {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super(null, null, false, false);
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;

    private byte[] line = new byte[8 * 1024];
    private int length;
    private int lineNumber;

    LineSource(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line into {@link #bytes()}/{@link #length()}.
     *
     * @return false at the end of the input (a final {@code \n} does not start another, empty line)
     */
    boolean next() throws IOException, LineTooLongException {
        length = 0;
        lineNumber++;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        lineNumber--;
                        return false;
                    }
                    endLine();
                    return true;
                }
            }
            int i = pos;
            byte[] b = buf;
            int end = limit;
            while (i < end && b[i] != '\n') {
                i++;
            }
            append(b, pos, i - pos);
            any = true;
            if (i < end) {
                pos = i + 1;
                endLine();
                return true;
            }
            pos = end;
        }
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(byte[] src, int from, int n) throws LineTooLongException {
        if (n == 0) {
            return;
        }
        // One byte of slack for a '\r' that turns out to precede the '\n'.
        if ((long) length + n > (long) maxLineBytes + 1) {
            throw new LineTooLongException();
        }
        if (length + n > line.length) {
            int size = line.length;
            while (size < length + n) {
                size = size * 2;
            }
            line = java.util.Arrays.copyOf(line, Math.min(size, maxLineBytes + 1));
        }
        System.arraycopy(src, from, line, length, n);
        length += n;
    }

    private void endLine() throws LineTooLongException {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            throw new LineTooLongException();
        }
    }

    /** The current line's bytes, valid up to {@link #length()} until the next call of {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** 1-based number of the current line (or of the line that was too long). */
    int lineNumber() {
        return lineNumber;
    }
}
