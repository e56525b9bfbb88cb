package org.bftref.trace.itf;

import java.nio.file.Path;

/**
 * An ITF file that cannot be read or does not follow the format (or does not fit the spec it is checked
 * against). {@link #getMessage()} is one line, {@code <file>: state <k>: <JSON pointer>: <reason>}, with the
 * parts that do not apply left out (no state for errors outside {@code states}, no pointer for errors about
 * the whole file) and, for malformed JSON, {@code <file>:<line>:<column>: <reason>}. Control characters from
 * the input are escaped and long parts shortened, as in {@link org.bftref.trace.format.TraceFormatException},
 * so the message is safe to print as it is.
 */
public final class ItfFormatException extends Exception {

    private static final long serialVersionUID = 1L;
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
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(clean(file.toString()));
            if (line > 0) {
                sb.append(':').append(line).append(':').append(column);
            }
            sb.append(": ");
        }
        if (state >= 0) {
            sb.append("state ").append(state).append(": ");
        }
        if (pointer != null && !pointer.isEmpty()) {
            sb.append(clean(pointer)).append(": ");
        }
        sb.append(clean(reason == null || reason.isEmpty() ? "invalid ITF trace" : reason));
        return sb.toString();
    }

    static String clean(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (sb.length() >= MAX_PART) {
                sb.append("...");
                break;
            }
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
