package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code bftref validate --itf}: verdicts, exit codes and constants given on the command line. */
class ValidateItfCommandTest {

    /** The hand-written Apalache-style trace of the trace-validation tests (its constants are trace parameters). */
    // From the module directory (Maven's working directory for tests), not from the bftref.home property:
    // other tests in this JVM set that property to temporary directories.
    private static final Path APALACHE_STYLE = Path.of("").toAbsolutePath().getParent()
            .resolve("trace-validation/src/test/resources/org/bftref/trace/itf/apalache-style.itf.json");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void acceptedThenRejectedWithTheStateAsTextAndJson(@TempDir Path dir) throws Exception {
        assertEquals(0, run("validate", "--itf", APALACHE_STYLE.toString()), err.toString());
        assertTrue(out.toString().startsWith("accepted: apalache-style.itf.json (7 states) is a behaviour of PBFT.tla"), out.toString());
        // Progress from TLC's statistics (7 states: 6 steps), then the time.
        assertTrue(err.toString().contains("bftref validate: 6 steps of the ITF trace checked"), err.toString());
        assertTrue(err.toString().contains("bftref validate: done in "), err.toString());

        // The constant MaxView = 0 given on the command line overrides the trace's 1: the last step, a view
        // change to view 1, is now out of the model (TypeOK fails in state 6).
        assertEquals(1, run("validate", "--itf", APALACHE_STYLE.toString(), "--constant", "MaxView=0",
                "--work-dir", dir.resolve("w").toString()), err.toString());
        assertTrue(out.toString().startsWith("rejected at state 6 (apalache-style.itf.json): TypeOK: "), out.toString());

        assertEquals(1, run("validate", "--json", "--itf", APALACHE_STYLE.toString(), "--constant",
                "Values={\"#set\":[\"a\",\"b\"]}", "--constant", "MaxView=0"), err.toString());
        assertTrue(out.toString().contains("\"verdict\":\"rejected\"") && out.toString().contains("\"state\":6"),
                out.toString());
    }

    @Test
    void badInputGetsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.itf.json");
        Files.writeString(empty, "");
        assertEquals(2, run("validate", "--itf", empty.toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("empty.itf.json: empty file"), err.toString());

        assertEquals(2, run("validate", "--itf", APALACHE_STYLE.toString(), "--constant", "Byz={\"#set\":[4]}"));
        assertTrue(err.toString().contains("--constant Byz/#set/0: a JSON number"), err.toString());

        assertEquals(2, run("validate", "--itf", APALACHE_STYLE.toString(), "--constant", "Quorum=3"));
        assertTrue(err.toString().contains("not a constant of PBFT.tla"), err.toString());

        assertEquals(2, run("validate", "--itf", APALACHE_STYLE.toString(), dir.resolve("x.ndjson").toString()));
        assertEquals(2, run("validate"));
    }
}
