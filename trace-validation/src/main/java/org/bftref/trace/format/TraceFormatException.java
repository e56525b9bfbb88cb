package org.bftref.trace.format;

import java.nio.file.Path;

/**
 * A trace that does not follow FORMAT.md (or cannot be read at all). {@link #getMessage()} is always one line,
 * {@code <file>:<line>: <field>: <reason>}, with the empty parts left out: no line for errors about a whole file
 * (missing file, directory), no field for errors about a whole line (malformed JSON, invalid UTF-8, too long).
 * Control characters from the input are escaped and long parts shortened ({@link OneLineError}), so the message is
 * safe to print as is.
 */
public final class TraceFormatException extends Exception {

    private static final long serialVersionUID = 1L;
    /** Longer parts are cut, so that one bad line of a large file still gives a readable one-line message. */
    private static final int MAX_PART = 400;

    private final transient Path file;
    private final int line;
    private final String field;
    private final String reason;

    /**
     * @param file   the file (null if none, e.g. no file was given at all)
     * @param line   1-based line number, or 0 if the error is about no particular line
     * @param field  the field, e.g. {@code header.n} or {@code P[2].d}; null or empty if none
     * @param reason what is wrong, in words
     */
    public TraceFormatException(Path file, int line, String field, String reason) {
        this(file, line, field, reason, null);
    }

    public TraceFormatException(Path file, int line, String field, String reason, Throwable cause) {
        super(format(file, line, field, reason), cause);
        this.file = file;
        this.line = Math.max(0, line);
        this.field = field == null ? "" : field;
        this.reason = reason == null ? "" : reason;
    }

    /** The file, or null. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 if none. */
    public int line() {
        return line;
    }

    /** The field ({@code header.n}, {@code P[2].d}, ...), or "" if none. */
    public String field() {
        return field;
    }

    /** The reason, unescaped. */
    public String reason() {
        return reason;
    }

    private static String format(Path file, int line, String field, String reason) {
        return OneLineError.limitedTo(MAX_PART).at(file, line)
                .part(file == null && line > 0 ? "line " + line : "")
                .part(field)
                .reason(reason, "invalid trace");
    }
}
