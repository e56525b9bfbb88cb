package org.bftref.trace.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.Verdict;
import org.junit.jupiter.api.Test;

/**
 * FORMAT.md's worked example, taken from the page itself: the eight lines are accepted, and with the last line's
 * commits cut to [1,2] the validator answers what the page says it answers.
 */
class WorkedExampleTest {

    @Test
    void theWorkedExampleIsAcceptedAndItsBrokenVariantRejectedAtEventSeven() throws Exception {
        String example = workedExample();
        String[] lines = example.split("\n");
        assertEquals(8, lines.length, "the worked example has a header and seven events");
        assertTrue(lines[7].contains("\"commits\":[0,1,2]"), lines[7]);
        String broken = example.replace(lines[7], lines[7].replace("\"commits\":[0,1,2]", "\"commits\":[1,2]"));

        Trace good = TraceReader.read("worked-example.ndjson", example.getBytes(StandardCharsets.UTF_8));
        Trace bad = TraceReader.read("worked-example-broken.ndjson", broken.getBytes(StandardCharsets.UTF_8));
        List<Verdict> verdicts = TraceValidator.validateAll(List.of(good, bad), TraceValidator.Options.defaults());

        assertTrue(verdicts.get(0).accepted(), verdicts.get(0).text());
        Verdict v = verdicts.get(1);
        assertFalse(v.accepted(), "the broken example was accepted");
        assertEquals(7, v.rejectedAt(), v.text());
        assertEquals(8, v.event().line(), v.text());
        assertEquals("Execute", v.event().action());
        assertTrue(v.reason().contains("fewer than 2f+1 COMMITs"), v.reason());
        // The page quotes the answer; it must be the validator's own words.
        String page = Files.readString(formatMd());
        assertTrue(page.contains("rejected at event 7 (line 8): Execute: " + v.reason().replaceAll(" \\(RULE.*\\)$", "")),
                "FORMAT.md quotes another reason than the validator gives: " + v.reason());
    }

    static Path formatMd() {
        Path here = Path.of("FORMAT.md");
        if (Files.isRegularFile(here)) {
            return here;
        }
        return Path.of(System.getProperty("bftref.home", ".."), "trace-validation", "FORMAT.md");
    }

    /** The code block under "## A worked example", with a final newline. */
    static String workedExample() throws Exception {
        String text = Files.readString(formatMd());
        int section = text.indexOf("## A worked example");
        assertTrue(section >= 0, "FORMAT.md has no worked example");
        int start = text.indexOf("```\n", section) + 4;
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
