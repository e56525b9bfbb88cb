package org.bftref.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's errors are one line, like the trace reader's: the same formatter, the same escapes. */
class RenderExceptionTest {

    /** Line feed, carriage return, tab, NUL and ESC (which starts terminal escape sequences). */
    private static final String CONTROLS = "a\nb\rc\td\u0000e\u001bf";
    private static final String ESCAPED = "a\\nb\\rc\\td\\u0000e\\u001bf";
    /** The same without NUL, which no file name can hold. */
    private static final String PATH_CONTROLS = "a\nb\rc\td\u001bf";
    private static final String PATH_ESCAPED = "a\\nb\\rc\\td\\u001bf";

    @TempDir
    Path dir;

    private static void assertOneLine(String message) {
        for (char c : message.toCharArray()) {
            assertFalse(Character.isISOControl(c) || c == '\u2028' || c == '\u2029',
                    "control character " + (int) c + " in " + message);
        }
    }

    @Test
    void controlCharactersInFileFieldAndReasonAreEscaped() {
        String m = new RenderException(Path.of("f" + PATH_CONTROLS), 4, "s" + CONTROLS, "r" + CONTROLS).getMessage();
        assertEquals("f" + PATH_ESCAPED + ":4: s" + ESCAPED + ": r" + ESCAPED, m);
        assertOneLine(m);
    }

    /** A counterexample whose step line carries a terminal escape: the line is quoted in the error, escaped. */
    @Test
    void controlCharactersQuotedFromAFileAreEscaped() throws Exception {
        Path file = dir.resolve("cx.txt");
        Files.writeString(file, "Model X: invariant Agreement violated (2 states)\nd\nModule m, config c; x\n\n"
                + "1. Initial state\n\u001b[31mred\u0000\n");
        RenderException e = assertThrows(RenderException.class, () -> Diagrams.draw(file, null, 60));
        assertEquals(file + ":6: step: expected \"k. Action \u2014 ...\", got \"\\u001b[31mred\\u0000\"", e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void layoutsAreAsBefore() {
        assertEquals("v.json:1: verdict: expected \"accepted\" or \"rejected\"",
                new RenderException(Path.of("v.json"), 1, "verdict", "expected \"accepted\" or \"rejected\"").getMessage());
        assertEquals("v.json: no such file", new RenderException(Path.of("v.json"), 0, "", "no such file").getMessage());
        assertEquals("trace: not recorded", new RenderException(null, 0, "trace", "not recorded").getMessage());
        assertEquals("header.n: too many", new RenderException(null, 1, "header.n", "too many").getMessage());
        assertEquals("c.txt:2: " + "x".repeat(300) + "...",
                new RenderException(Path.of("c.txt"), 2, null, "x".repeat(301)).getMessage());
    }
}
