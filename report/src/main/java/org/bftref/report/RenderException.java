package org.bftref.report;

import java.nio.file.Path;

import org.bftref.trace.format.OneLineError;

/**
 * Input that cannot be drawn: a trace, counterexample or verdict file that is missing or malformed, or a verdict that
 * does not belong to the trace. {@link #getMessage()} is one line, {@code <file>:<line>: <field>: <reason>}, with the
 * empty parts left out, the same shape as the trace reader's errors and made by the same {@link OneLineError} (control
 * characters escaped, long parts cut), so the CLI prints it as it is.
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;
    /** Longer input is cut, so that one bad line of a large file still gives a readable one-line message. */
    private static final int MAX_PART = 300;

    private final int line;

    public RenderException(Path file, int line, String field, String reason) {
        super(format(file, line, field, reason));
        this.line = Math.max(0, line);
    }

    /** Wraps an error whose message already has this shape (the trace reader's). */
    RenderException(String oneLine, int line) {
        super(oneLine);
        this.line = line;
    }

    /** The 1-based line, or 0 when the error is about a whole file. */
    public int line() {
        return line;
    }

    private static String format(Path file, int line, String field, String reason) {
        return OneLineError.limitedTo(MAX_PART).at(file, line).part(field).reason(reason, "cannot be drawn");
    }
}
