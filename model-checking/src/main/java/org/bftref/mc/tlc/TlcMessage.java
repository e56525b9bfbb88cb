package org.bftref.mc.tlc;

import java.util.List;

/**
 * One message of TLC's {@code -tool} output: {@code @!@!@STARTMSG code:severity @!@!@} ... {@code
 * @!@!@ENDMSG code @!@!@}. TLC nests messages (an exception report of code 1000 may carry the config
 * error 5001 that caused it); nested ones are kept in {@link #nested()}, not in the body.
 *
 * @param code     a constant of {@code tlc2.output.EC}; see {@link Codes}
 * @param severity a constant of {@code tlc2.output.MP}: 0 none, 1 error, 2 TLC bug, 3 warning, 4 state
 */
public record TlcMessage(int code, int severity, String body, List<TlcMessage> nested) {

    public static final int NONE = 0;
    public static final int ERROR = 1;
    public static final int TLC_BUG = 2;
    public static final int WARNING = 3;
    public static final int STATE = 4;

    public TlcMessage {
        nested = List.copyOf(nested);
    }

    public boolean isError() {
        return severity == ERROR || severity == TLC_BUG;
    }

    /** The body and the bodies of all nested messages, depth first. */
    public String fullText() {
        StringBuilder sb = new StringBuilder(body);
        for (TlcMessage m : nested) {
            sb.append('\n').append(m.fullText());
        }
        return sb.toString();
    }

    /** The body on one line: lines joined by a space, runs of whitespace collapsed. */
    public String oneLine() {
        String text = fullText().replaceAll("\\s+", " ").strip();
        return text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
    }
}
