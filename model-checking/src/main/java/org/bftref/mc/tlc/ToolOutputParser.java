package org.bftref.mc.tlc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits TLC's {@code -tool} output, fed line by line as it arrives, into messages. Text outside any message
 * (SANY's parse and semantic errors, stack traces on stderr, the JVM's own complaints) is kept as plain
 * lines, because that is where TLC 2.18 puts the details of a parse error.
 *
 * <p>Delimiters may appear mid-line: a nested message starts right after the text of the enclosing one
 * ({@code The exception was a ...ConfigFileException: @!@!@STARTMSG 5001:0 @!@!@}).
 */
public final class ToolOutputParser {

    /** Receives each top-level message when its ENDMSG arrives, and each plain line. */
    public interface Listener {
        void message(TlcMessage message);

        default void plainLine(String line) {
        }
    }

    private static final Pattern DELIMITER =
            Pattern.compile("@!@!@(?:STARTMSG (\\d+):(\\d+)|ENDMSG (\\d+)) @!@!@");

    private record Open(int code, int severity, StringBuilder body, List<TlcMessage> nested) {
    }

    private final Listener listener;
    private final Deque<Open> open = new ArrayDeque<>();

    public ToolOutputParser(Listener listener) {
        this.listener = listener;
    }

    public void accept(String line) {
        Matcher m = DELIMITER.matcher(line);
        int from = 0;
        boolean sawDelimiter = false;
        while (m.find()) {
            sawDelimiter = true;
            text(line.substring(from, m.start()), false);
            if (m.group(1) != null) {
                open.push(new Open(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        new StringBuilder(), new ArrayList<>()));
            } else {
                close();
            }
            from = m.end();
        }
        String rest = line.substring(from);
        if (!sawDelimiter || !rest.isBlank()) {
            text(rest, true);
        }
    }

    /** Call at end of output: a message TLC never closed (it died mid-message) is still reported. */
    public void finish() {
        while (!open.isEmpty()) {
            close();
        }
    }

    private void text(String text, boolean endOfLine) {
        if (open.isEmpty()) {
            if (endOfLine || !text.isBlank()) {
                listener.plainLine(text);
            }
            return;
        }
        StringBuilder body = open.peek().body();
        body.append(text);
        if (endOfLine) {
            body.append('\n');
        }
    }

    private void close() {
        if (open.isEmpty()) {
            return; // an ENDMSG without a START: TLC wrote garbage; nothing to close
        }
        // An ENDMSG whose code differs from the innermost open message still closes it, rather than
        // swallowing the rest of the output into a message that never ends.
        Open top = open.pop();
        TlcMessage message = new TlcMessage(top.code(), top.severity(), top.body().toString().strip(), top.nested());
        if (open.isEmpty()) {
            listener.message(message);
        } else {
            open.peek().nested().add(message);
        }
    }
}
