package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The "done means": simulate --trace, then validate: accepted; a hand-broken copy: rejected at that event. */
class ValidateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void aSimulatedTraceIsAcceptedAndABrokenCopyIsRejectedAtTheBrokenEvent(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("out.ndjson");
        assertEquals(0, run("simulate", "--seed", "7", "--byzantine", "EQUIVOCATE", "--trace", trace.toString()));
        out.getBuffer().setLength(0);
        assertEquals(0, run("validate", trace.toString()), err.toString());
        assertTrue(out.toString().startsWith("accepted: "), out.toString());

        // Break the first Execute: two COMMITs are not a quorum.
        List<String> lines = new ArrayList<>(Files.readAllLines(trace));
        int broken = -1;
        for (int k = 1; k < lines.size() && broken < 0; k++) {
            if (lines.get(k).contains("\"action\":\"Execute\"")) {
                lines.set(k, lines.get(k).replaceAll("\"commits\":\\[[0-9,]*\\]", "\"commits\":[1,2]"));
                broken = k;
            }
        }
        assertTrue(broken > 0, "the trace has an Execute");
        Path bad = dir.resolve("bad.ndjson");
        Files.write(bad, lines);
        out.getBuffer().setLength(0);
        assertEquals(1, run("validate", bad.toString()));
        assertTrue(out.toString().startsWith("rejected at event " + broken + " (bad.ndjson:" + (broken + 1) + "): Execute: "
                + "fewer than 2f+1 COMMITs"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(1, run("validate", "--json", bad.toString()));
        assertTrue(out.toString().contains("\"verdict\":\"rejected\"") && out.toString().contains("\"event\":" + broken),
                out.toString());
    }

    @Test
    void badInputGetsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        assertEquals(2, run("validate", dir.resolve("missing.ndjson").toString()));
        assertTrue(err.toString().contains("missing.ndjson"), err.toString());
        Path bad = dir.resolve("bad.ndjson");
        Files.writeString(bad, "{\"format\":\"bftref-trace\"\n");
        err.getBuffer().setLength(0);
        assertEquals(2, run("validate", bad.toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("bad.ndjson:1"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("validate", "--protocol", "raft", bad.toString()));
        assertFalse(err.toString().isBlank());
    }
}
