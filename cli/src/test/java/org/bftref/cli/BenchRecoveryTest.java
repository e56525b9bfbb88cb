package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** {@code bftref bench --recovery --quick --json}: both rows, each a replica caught up by state transfer. */
class BenchRecoveryTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void quickRecoveryBenchGivesAnHmacAndAnEd25519RowWithRatiosToTheBaseline() throws Exception {
        assertEquals(0, run("bench", "--recovery", "--quick", "--json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertTrue(json.get("caughtUp").asText().startsWith("caught up: "), out.toString());
        JsonNode rows = json.get("rows");
        assertEquals(2, rows.size(), out.toString());
        assertEquals("HmacSHA256", rows.get(0).get("scheme").asText());
        assertEquals("Ed25519", rows.get(1).get("scheme").asText());
        for (JsonNode row : rows) {
            assertTrue(row.get("missedRequests").asLong() > 900, row.toString());
            assertTrue(row.get("stateTransfers").asLong() >= 1, row.toString());
            assertTrue(row.get("target").asLong() > row.get("recoveredTo").asLong(), row.toString());
            assertEquals(row.get("caughtUpSeconds").asDouble() / row.get("baselineSeconds").asDouble(),
                    row.get("ratioToBaseline").asDouble(), 1e-9, row.toString());
        }
    }

    @Test
    void recoveryOptionsThatDoNotFitAreRefused() {
        assertEquals(2, run("bench", "--json"));
        assertEquals(2, run("bench", "--recovery", "--n", "3"));
        String[] lines = err.toString().split("\n");
        assertEquals(2, lines.length, err.toString());
        assertTrue(lines[0].contains("--json goes with --recovery"), lines[0]);
        assertTrue(lines[1].contains("--recovery needs --n >= 4"), lines[1]);
    }

    @Test
    void benchAndRunRefuseTheSameReplicaAndClientCountsInTheSameWords() {
        assertEquals(2, run("bench", "--n", "101"));
        assertEquals(2, run("bench", "--clients", "0"));
        assertEquals(2, run("run", "--n", "101"));
        assertEquals(2, run("run", "--clients", "10001"));
        assertEquals(String.join("\n",
                "bftref bench: --n must be in 1..100, was 101",
                "bftref bench: --clients must be in 1..10000, was 0",
                "bftref run: --n must be in 1..100, was 101 (see bftref run --help)",
                "bftref run: --clients must be in 1..10000, was 10001 (see bftref run --help)", ""),
                err.toString().replace(System.lineSeparator(), "\n"));
    }
}
