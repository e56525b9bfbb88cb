package org.bftref.impl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bftref.impl.crypto.SignatureScheme;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The recovery bench's quick mode (what {@code bftref bench --recovery --quick} runs), HMAC row: the stopped
 * replica really had to catch up by state transfer, from a log, to the target, and the table and JSON say so.
 */
class RecoveryBenchTest {

    @Test
    void aReplicaThatMissedAThousandRequestsCatchesUpByStateTransferFromItsLog() throws Exception {
        RecoveryBench.Row row = RecoveryBench.run(SignatureScheme.HMAC_SHA256, 4, 1_000);
        System.out.println(RecoveryBench.table(List.of(row)));
        assertTrue(row.missedRequests() >= 1_000 - 64 && row.missedRequests() <= 1_000 + 64, row.toString());
        assertTrue(row.logBytes() > 0, "it restarted from a log: " + row);
        // Garbage collection moved the others far past where its log left it...
        assertTrue(row.target() > row.recoveredTo() + 8, row.toString());
        // ...so it got there by adopting a state, which the clock saw before (or when) it was caught up.
        assertTrue(row.stateTransfers() >= 1, row.toString());
        assertTrue(row.firstStateTransferSeconds() >= 0 && row.firstStateTransferSeconds() <= row.caughtUpSeconds(),
                row.toString());
        assertTrue(row.messages() > 0 && row.bytes() > row.messages(), row.toString());
        assertTrue(row.baselineSeconds() > 0 && row.ratioToBaseline() > 0, row.toString());

        JsonNode json = new ObjectMapper().readTree(RecoveryBench.json(List.of(row)));
        assertEquals(RecoveryBench.CAUGHT_UP, json.get("caughtUp").asText());
        assertEquals(row.target(), json.get("rows").get(0).get("target").asLong());
        assertEquals(row.caughtUpSeconds() / row.baselineSeconds(),
                json.get("rows").get(0).get("ratioToBaseline").asDouble(), 1e-9);
    }
}
