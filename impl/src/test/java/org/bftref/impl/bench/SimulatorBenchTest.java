package org.bftref.impl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The simulator bench's rows say what ran; not its speed (benchmarks are not timed tests). */
class SimulatorBenchTest {

    @Test
    void aRowCountsTheRequestsBatchesAndViewChangesOfItsRun() {
        SimulatorBench.Row row = SimulatorBench.run("hmac", 4, 1_000, 2);
        assertEquals(2_000, row.requests());
        assertEquals(0, row.viewChanges(), "under the bench's load no correct primary is suspected");
        // 1,000 outstanding requests and a window of 8: the primary's queue makes batches of more than a few.
        assertTrue(row.meanBatch() > 20 && row.meanBatch() <= SimulatorBench.BATCH_SIZE_MAX, "mean batch " + row.meanBatch());
        assertTrue(row.events() > row.requests(), "every request is at least one delivery");
    }

    @Test
    void theTableGivesTheRatioToTheCoresRowOfTheSameSchemeAtBatch100() {
        SimulatorBench.Row row = new SimulatorBench.Row("hmac", 4, 2_000, 10_000, 100, 2.0, 2.0, 50_000, 0);
        Throughput.Result cores = new Throughput.Result("HmacSHA256", 4, 100, 2_000, 20_000, 1.0, 0, 0, 200, 0, 0, 1.0);
        Throughput.Result otherBatch = new Throughput.Result("HmacSHA256", 4, 1, 200, 1_000, 1.0, 0, 0, 1_000, 0, 0, 1.0);
        String table = SimulatorBench.table(List.of(row), List.of(otherBatch, cores));
        String line = table.lines().filter(l -> l.startsWith("HmacSHA256")).findFirst().orElseThrow();
        assertTrue(line.endsWith("0.25x"), line); // 5,000 req/s against 20,000
        assertTrue(line.contains(" 100.0 "), line); // mean batch
        String alone = SimulatorBench.table(List.of(row), List.of(otherBatch));
        assertTrue(alone.lines().anyMatch(l -> l.startsWith("HmacSHA256") && l.endsWith(" -")), alone);
    }
}
