package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The command line's handling of bad input: one line on stderr, exit code 2, nothing run. */
class CheckCommandTest {

    @TempDir
    Path repository;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void manifest() throws Exception {
        Files.createDirectories(repository.resolve("model-checking"));
        Files.writeString(repository.resolve("model-checking/manifest.json"), """
                { "models": [
                  { "name": "PBFT-N4-F1", "module": "MCPBFT", "config": "MCPBFT.cfg", "suites": ["full"],
                    "description": "four replicas, one faulty", "expect": { "outcome": "pass", "distinct": 10, "depth": 3 } },
                  { "name": "NEG-quorum", "module": "MCPBFT", "config": "MCPBFT_Q.cfg", "suites": ["quick", "full"],
                    "description": "quorum too small", "workers": 1,
                    "expect": { "outcome": "violation", "kind": "invariant", "violated": "Agreement", "length": 9 } }
                ] }""");
        System.setProperty("bftref.home", repository.toString());
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void listsTheModels() {
        assertEquals(0, run("check", "--list"));
        assertTrue(out.toString().contains("PBFT-N4-F1"), out.toString());
        assertTrue(out.toString().contains("quick,full"), out.toString());
    }

    @Test
    void unknownModelListsTheKnownOnes() {
        assertEquals(2, run("check", "--model", "PBFT-N7"));
        assertEquals("bftref check: unknown model PBFT-N7; known models: PBFT-N4-F1, NEG-quorum\n", err.toString());
    }

    @Test
    void invalidManifestIsOneLine() throws Exception {
        Files.writeString(repository.resolve("model-checking/manifest.json"), "{ \"models\": [ { \"name\": 3 } ] }");
        assertEquals(2, run("check"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("bftref check: model-checking/manifest.json:1:"), err.toString());
    }

    @Test
    void badOptionsAreRejected() {
        assertEquals(2, run("check", "--heap", "lots"));
        assertTrue(err.toString().contains("--heap must be a JVM heap size"), err.toString());
        assertEquals(2, run("check", "--suite", "nightly"));
        assertEquals(2, run("check", "--dist-workers", "3"));
        assertTrue(err.toString().contains("--dist-workers needs --distributed"), err.toString());
    }

    @Test
    void unknownOrMistypedOptionsGetOneLineNotTheUsage() {
        assertEquals(2, run("check", "--bogus"));
        assertEquals("bftref check: Unknown option: '--bogus' (see bftref check --help)\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("check", "--workers", "zero"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("'zero' is not an int"), err.toString());
    }

    @Test
    void helpDocumentsTheExitCodes() {
        assertEquals(0, run("check", "--help"));
        String help = out.toString();
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(help.contains("ran out of memory"), help);
        assertTrue(help.contains("TLCWorker"), help);
    }
}
