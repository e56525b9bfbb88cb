package org.bftref.trace.format;

import java.nio.file.Path;

/**
 * The one-line error messages of bad input ({@link TraceFormatException}, the ITF reader's and the report's): where,
 * then what, then why, joined by ": ", as {@code <file>[:<line>[:<column>]]: <part>: ...: <reason>}. Parts that do
 * not apply are left out.
 *
 * <p>Every part may come from the input (a file name, a field, a value quoted in the reason), so each is cleaned:
 * line breaks and other control characters are escaped, because a message that spans lines breaks the promise
 * that one error is one line (and a terminal escape from a hostile file must not reach the terminal); and each
 * part is cut at a limit, so that one huge line of input still gives a readable message.
 *
 * <pre>{@code
 * String m = OneLineError.limitedTo(400).at(file, 3).part("header.n").reason("must be at least 1", "invalid trace");
 * }</pre>
 */
public final class OneLineError {

    private final int maxPart;
    private final StringBuilder text = new StringBuilder();

    private OneLineError(int maxPart) {
        this.maxPart = maxPart;
    }

    /** A message whose parts are each cut after {@code maxPart} characters (escapes counted), with "...". */
    public static OneLineError limitedTo(int maxPart) {
        if (maxPart < 1) {
            throw new IllegalArgumentException("maxPart must be positive, is " + maxPart);
        }
        return new OneLineError(maxPart);
    }

    /**
     * Where: the file, then {@code :line} when {@code line > 0}. Nothing when {@code file} is null (callers that
     * know a line without a file say so as a part).
     */
    public OneLineError at(Path file, long line) {
        return at(file, line, "");
    }

    /** Where, in a text file read as a whole: the file, then {@code :line:column} when {@code line > 0}. */
    public OneLineError at(Path file, long line, long column) {
        return at(file, line, ":" + column);
    }

    private OneLineError at(Path file, long line, String column) {
        if (file == null) {
            return this;
        }
        separate();
        text.append(clean(file.toString(), maxPart));
        if (line > 0) {
            text.append(':').append(line).append(column);
        }
        return this;
    }

    /** A part (a field, a JSON pointer, "state 3"); left out when null or empty. */
    public OneLineError part(String part) {
        if (part != null && !part.isEmpty()) {
            separate();
            text.append(clean(part, maxPart));
        }
        return this;
    }

    /** The message, ending with {@code reason}, or with {@code ifNone} when the reason is null or empty. */
    public String reason(String reason, String ifNone) {
        separate();
        text.append(clean(reason == null || reason.isEmpty() ? ifNone : reason, maxPart));
        return text.toString();
    }

    private void separate() {
        if (text.length() > 0) {
            text.append(": ");
        }
    }

    /**
     * {@code s} on one line and bounded: \n, \r and \t as those two-character escapes; every other control character
     * (C0, DEL, C1), the Unicode line and paragraph separators and the byte-order mark as {@code \}{@code uXXXX}; cut
     * with "..." once {@code maxPart} characters are written.
     */
    public static String clean(String s, int maxPart) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), maxPart) + 8);
        for (int i = 0; i < s.length(); i++) {
            if (sb.length() >= maxPart) {
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
