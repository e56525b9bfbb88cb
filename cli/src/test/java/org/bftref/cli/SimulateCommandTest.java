package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void anEquivocatingPrimaryIsReplacedAndEveryRequestCompletes(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.ndjson");
        assertEquals(0, run("simulate", "--seed", "7", "--n", "4", "--byzantine", "EQUIVOCATE", "--trace", trace.toString()));
        assertTrue(out.toString().contains("client ops completed: 6/6"), out.toString());
        assertTrue(out.toString().contains("view change"), out.toString());
        assertTrue(Files.readAllLines(trace).get(0).contains("\"format\":\"bftref-trace\""));
        assertTrue(Files.readAllLines(trace).size() > 10);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        run("simulate", "--seed", "5", "--byzantine", "DOUBLE_VOTE", "--json");
        String first = out.toString().replaceAll("\"wallMillis\" : \\d+", "");
        out.getBuffer().setLength(0);
        run("simulate", "--seed", "5", "--byzantine", "DOUBLE_VOTE", "--json");
        assertEquals(first, out.toString().replaceAll("\"wallMillis\" : \\d+", ""));
    }

    @Test
    void badInputGetsOneLineAndItsExitCode(@TempDir Path dir) throws Exception {
        assertEquals(2, run("simulate", "--n", "4", "--f", "2"));
        assertTrue(err.toString().contains("--f") && err.toString().contains("--allow-unsafe"), err.toString());
        assertEquals(2, run("simulate", "--byzantine", "EVIL"));
        assertTrue(err.toString().contains("--byzantine EVIL: unknown strategy 'EVIL'; known: [SILENT, CRASH, "),
                err.toString());
        assertEquals(3, run("simulate", "--scenario", dir.resolve("missing.json").toString()));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"bftref-scenario\",\"version\":1,\n\"scenario\":{\"seed\":\"x\"}}");
        assertEquals(2, run("simulate", "--scenario", bad.toString()));
        for (String line : err.toString().split("\n")) {
            assertTrue(line.startsWith("bftref simulate: "), line);
        }
        assertFalse(err.toString().contains("\tat "), "no stack trace");
        assertTrue(err.toString().contains("bad.json:2"), err.toString());
    }
}
