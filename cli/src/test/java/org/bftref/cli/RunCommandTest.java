package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class RunCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void fourReplicasRunTheRequestsAndPrintTheFigures() {
        assertEquals(0, run("run", "--n", "4", "--requests", "300", "--clients", "8", "--scheme", "hmac"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("requests completed: 300/300"), text);
        assertTrue(text.contains("requests/s") && text.contains("p50") && text.contains("p99"), text);
        assertTrue(text.contains("view changes: 0"), text);
        assertTrue(text.contains("drops: "), text);
        assertTrue(text.contains("honest replicas agree: yes"), text);
    }

    @Test
    void aSilentPrimaryCausesAViewChangeAndJsonSaysSo(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("run.ndjson");
        assertEquals(0, run("run", "--requests", "100", "--clients", "4", "--scheme", "hmac", "--byzantine", "SILENT",
                "--view-change-timeout", "300", "--json", "--trace", trace.toString()), err.toString());
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertEquals(100, result.get("completed").asInt());
        assertTrue(result.get("viewChanges").asInt() >= 1, out.toString());
        assertTrue(result.get("agreed").asBoolean());
        assertTrue(result.get("latencyP99Millis").asDouble() > 0);
        assertTrue(Files.readAllLines(trace).get(0).contains("\"format\":\"bftref-trace\""));
        assertTrue(Files.readAllLines(trace).size() > 100);
    }

    @Test
    void storageOnDiskIsOneLogPerReplicaAndAUsedDirectoryIsRefused(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        assertEquals(0, run("run", "--requests", "100", "--clients", "4", "--scheme", "hmac", "--storage", logs.toString()),
                err.toString());
        assertTrue(Files.size(logs.resolve("replica-0.log")) > 0);
        assertEquals(2, run("run", "--requests", "100", "--scheme", "hmac", "--storage", logs.toString()));
        assertTrue(err.toString().startsWith("bftref run: --storage ") && err.toString().contains("earlier run"),
                err.toString());
    }

    @Test
    void badOptionsGetOneLineAndExitCode2() {
        assertEquals(2, run("run", "--n", "0"));
        assertEquals(2, run("run", "--byzantine", "EVIL"));
        assertEquals(2, run("run", "--byzantine", "FLOOD"));
        assertEquals(2, run("run", "--byzantine", "0=SILENT", "--byzantine", "1=CRASH"));
        assertEquals(2, run("run", "--verifiers", "0"));
        assertEquals(2, run("run", "--scheme", "rsa"));
        assertEquals(2, run("run", "--n", "4", "--f", "2"));
        assertEquals(2, run("run", "--clients", "x"));
        String[] lines = err.toString().split("\n");
        assertEquals(8, lines.length, err.toString());
        for (String line : lines) {
            assertTrue(line.startsWith("bftref run: "), line);
        }
        assertTrue(err.toString().contains("FLOOD") && err.toString().contains("simulate"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace");
    }

    @Test
    void byzantineValuesAreReadAsSimulateReadsThemWithRunsOwnStrategies() {
        assertEquals(2, run("run", "--byzantine", "x=SILENT"));
        assertEquals(2, run("run", "--n", "7", "--byzantine", "1=silent", "--byzantine", "1=CRASH"));
        assertEquals(2, run("run", "--byzantine", "0=DOUBLE_VOTE"));
        assertEquals(String.join("\n",
                "bftref run: --byzantine x=SILENT: 'x' is not a replica id (see bftref run --help)",
                "bftref run: --byzantine: replica 1 named twice (see bftref run --help)",
                "bftref run: --byzantine 0=DOUBLE_VOTE: unknown or not supported by run: 'DOUBLE_VOTE'; run knows "
                        + "[SILENT, CRASH, EQUIVOCATE] (bftref simulate has more) (see bftref run --help)", ""),
                err.toString().replace(System.lineSeparator(), "\n"));
    }
}
