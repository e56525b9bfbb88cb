package org.bftref.trace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bftref.trace.itf.ItfFormatException;
import org.junit.jupiter.api.Test;

/**
 * One error, one line: the trace reader's and the ITF reader's errors share {@link OneLineError}, which escapes what
 * would break a line or reach the terminal, and lays out the parts the way each error always has.
 */
class OneLineErrorTest {

    /** Line feed, carriage return, tab, NUL and ESC (which starts terminal escape sequences). */
    static final String CONTROLS = "a\nb\rc\td\u0000e\u001bf";
    static final String ESCAPED = "a\\nb\\rc\\td\\u0000e\\u001bf";
    /** The same without NUL, which no file name can hold. */
    static final String PATH_CONTROLS = "a\nb\rc\td\u001bf";
    static final String PATH_ESCAPED = "a\\nb\\rc\\td\\u001bf";

    static void assertOneLine(String message) {
        for (char c : message.toCharArray()) {
            assertFalse(Character.isISOControl(c) || c == '\u2028' || c == '\u2029',
                    "control character " + (int) c + " in " + message);
        }
    }

    @Test
    void controlCharactersAreEscapedInEveryPart() {
        String m = OneLineError.limitedTo(100).at(Path.of(PATH_CONTROLS), 2).part(CONTROLS).reason(CONTROLS, "none");
        assertEquals(PATH_ESCAPED + ":2: " + ESCAPED + ": " + ESCAPED, m);
        assertOneLine(m);
        assertEquals("\\u007f\\u0085\\u2028\\u2029\\ufeff", OneLineError.clean("\u007f\u0085\u2028\u2029\ufeff", 100));
    }

    @Test
    void traceFormatErrorsEscapeControlCharacters() {
        String m = new TraceFormatException(Path.of("t" + PATH_CONTROLS), 7, "f" + CONTROLS, "r" + CONTROLS).getMessage();
        assertEquals("t" + PATH_ESCAPED + ":7: f" + ESCAPED + ": r" + ESCAPED, m);
        assertOneLine(m);
    }

    @Test
    void itfFormatErrorsEscapeControlCharacters() {
        String m = new ItfFormatException(Path.of("i" + PATH_CONTROLS), 3, "/p" + CONTROLS, "r" + CONTROLS).getMessage();
        assertEquals("i" + PATH_ESCAPED + ": state 3: /p" + ESCAPED + ": r" + ESCAPED, m);
        assertOneLine(m);
        m = ItfFormatException.atPosition(Path.of("j" + PATH_CONTROLS), 4, 9, "r" + CONTROLS).getMessage();
        assertEquals("j" + PATH_ESCAPED + ":4:9: r" + ESCAPED, m);
        assertOneLine(m);
    }

    /** The layouts the messages had before they shared the formatter, part by part left out. */
    @Test
    void layoutsAreAsBefore() {
        Path f = Path.of("dir/t.ndjson");
        assertEquals("dir/t.ndjson:3: header.n: must be at least 1",
                new TraceFormatException(f, 3, "header.n", "must be at least 1").getMessage());
        assertEquals("dir/t.ndjson: no such file", new TraceFormatException(f, 0, "", "no such file").getMessage());
        assertEquals("dir/t.ndjson:2: not JSON", new TraceFormatException(f, 2, null, "not JSON").getMessage());
        assertEquals("line 5: v: negative", new TraceFormatException(null, 5, "v", "negative").getMessage());
        assertEquals("no trace given", new TraceFormatException(null, 0, "", "no trace given").getMessage());
        assertEquals("dir/t.ndjson:1: invalid trace", new TraceFormatException(f, 1, "", "").getMessage());

        Path i = Path.of("x.itf.json");
        assertEquals("x.itf.json: state 0: /states/0/view: not a map",
                new ItfFormatException(i, 0, "/states/0/view", "not a map").getMessage());
        assertEquals("x.itf.json: /vars: lacks msgs", new ItfFormatException(i, -1, "/vars", "lacks msgs").getMessage());
        assertEquals("--constant N: not a constant", new ItfFormatException(null, -1, "", "--constant N: not a constant")
                .getMessage());
        assertEquals("x.itf.json:1:0: invalid ITF trace", ItfFormatException.atPosition(i, 1, 0, null).getMessage());
        assertEquals("x.itf.json: bad", ItfFormatException.atPosition(i, 0, 0, "bad").getMessage());
    }

    /** Each part is cut on its own, at 400 characters for NDJSON traces and 300 for ITF. */
    @Test
    void longPartsAreCutAtEachFormatsLimit() {
        String field = "f".repeat(1000);
        String reason = "r".repeat(1000);
        assertEquals("t:1: " + "f".repeat(400) + "...: " + "r".repeat(400) + "...",
                new TraceFormatException(Path.of("t"), 1, field, reason).getMessage());
        assertEquals("i: /" + "f".repeat(299) + "...: " + "r".repeat(300) + "...",
                new ItfFormatException(Path.of("i"), -1, "/" + field, reason).getMessage());
        // An escape counts as the characters it is written with.
        assertEquals("\\n".repeat(3) + "...", OneLineError.clean("\n".repeat(10), 5));
        assertTrue(OneLineError.clean("short", 5).equals("short"));
    }
}
