package org.bftref.trace.itf;

import java.nio.file.Path;

import org.bftref.trace.format.OneLineError;

/**
 * An ITF file that cannot be read or does not follow the format (or does not fit the spec it is checked
 * against). {@link #getMessage()} is one line, {@code <file>: state <k>: <JSON pointer>: <reason>}, with the
 * parts that do not apply left out (no state for errors outside {@code states}, no pointer for errors about
 * the whole file) and, for malformed JSON, {@code <file>:<line>:<column>: <reason>}. Control characters from
 * the input are escaped and long parts shortened ({@link OneLineError}, as for
 * {@link org.bftref.trace.format.TraceFormatException}), so the message is safe to print as it is.
 */
public final class ItfFormatException extends Exception {

    private static final long serialVersionUID = 1L;
    /** Longer parts are cut, so that one bad value of a large file still gives a readable one-line message. */
    private static final int MAX_PART = 300;

    private final transient Path file;
    private final int state;
    private final String pointer;
    private final String reason;

    /**
     * @param file    the file (null if none)
     * @param state   the 0-based index of the state in {@code states}, or -1 when the error is not inside a state
     * @param pointer the JSON pointer (RFC 6901) of the offending field, e.g. {@code /states/3/msgs/#set/0/v};
     *                empty when the error is about the whole file
     * @param reason  what is wrong, in words
     */
    public ItfFormatException(Path file, int state, String pointer, String reason) {
        this(file, 0, 0, state, pointer, reason);
    }

    private ItfFormatException(Path file, long line, long column, int state, String pointer, String reason) {
        super(format(file, line, column, state, pointer, reason));
        this.file = file;
        this.state = state;
        this.pointer = pointer == null ? "" : pointer;
        this.reason = reason == null ? "" : reason;
    }

    /** For malformed JSON, where only a position in the text is known. */
    public static ItfFormatException atPosition(Path file, long line, long column, String reason) {
        return new ItfFormatException(file, line, column, -1, "", reason);
    }

    public Path file() {
        return file;
    }

    /** The 0-based state index, or -1. */
    public int state() {
        return state;
    }

    /** The JSON pointer of the field, or "". */
    public String pointer() {
        return pointer;
    }

    public String reason() {
        return reason;
    }

    private static String format(Path file, long line, long column, int state, String pointer, String reason) {
        OneLineError message = OneLineError.limitedTo(MAX_PART);
        return (line > 0 ? message.at(file, line, column) : message.at(file, 0))
                .part(state >= 0 ? "state " + state : "")
                .part(pointer)
                .reason(reason, "invalid ITF trace");
    }
}
