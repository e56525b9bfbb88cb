package org.bftref.mc.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ToolOutputParserTest {

    private final List<TlcMessage> messages = new ArrayList<>();
    private final List<String> plain = new ArrayList<>();
    private final ToolOutputParser parser = new ToolOutputParser(new ToolOutputParser.Listener() {
        public void message(TlcMessage message) {
            messages.add(message);
        }

        public void plainLine(String line) {
            plain.add(line);
        }
    });

    private void feed(String output) {
        output.lines().forEach(parser::accept);
        parser.finish();
    }

    @Test
    void splitsMessagesByCodeAndSeverityAndKeepsPlainText() {
        feed("""
                @!@!@STARTMSG 2220:0 @!@!@
                Starting SANY...
                @!@!@ENDMSG 2220 @!@!@
                Parsing file /x/MC.tla
                @!@!@STARTMSG 2110:1 @!@!@
                Invariant Agreement is violated.
                @!@!@ENDMSG 2110 @!@!@
                """);
        assertEquals(2, messages.size());
        assertEquals(2110, messages.get(1).code());
        assertEquals(TlcMessage.ERROR, messages.get(1).severity());
        assertEquals("Invariant Agreement is violated.", messages.get(1).body());
        assertEquals(List.of("Parsing file /x/MC.tla"), plain);
    }

    @Test
    void keepsMessagesNestedInsideOthersEvenMidLine() {
        // What TLC 2.18 prints for a missing config file.
        feed("""
                @!@!@STARTMSG 1000:1 @!@!@
                TLC threw an unexpected exception.
                The exception was a tlc2.tool.ConfigFileException
                : @!@!@STARTMSG 5001:0 @!@!@
                TLC encountered the following error when trying to read the configuration file Nonexist.cfg:
                File not found.
                @!@!@ENDMSG 5001 @!@!@
                @!@!@ENDMSG 1000 @!@!@
                @!@!@STARTMSG 2186:0 @!@!@
                Finished in 142ms at (2026-11-20 22:48:50)
                @!@!@ENDMSG 2186 @!@!@
                """);
        assertEquals(List.of(1000, 2186), messages.stream().map(TlcMessage::code).toList());
        TlcMessage general = messages.get(0);
        assertEquals(1, general.nested().size());
        assertEquals(5001, general.nested().get(0).code());
        assertTrue(general.oneLine().contains("File not found."), general.oneLine());
        assertTrue(plain.isEmpty(), plain.toString());
    }

    @Test
    void reportsAMessageTlcNeverClosed() {
        feed("@!@!@STARTMSG 2217:4 @!@!@\n1: <Initial predicate>\nx = 0\n");
        assertEquals(1, messages.size());
        assertEquals(TlcMessage.STATE, messages.get(0).severity());
    }
}
