package org.bftref.trace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.junit.jupiter.api.Test;

/**
 * The writer and the reader agree: traces the simulator writes (through impl's TraceFormat) read without a format
 * error, with honest and with Byzantine replicas, view changes and checkpoints. Whether the spec accepts them is
 * the validator's test, not this one.
 */
class SimulatorTracesTest {

    @Test
    void simulatorTracesFollowTheFormat() throws Exception {
        Set<String> actions = new HashSet<>();
        int events = 0;
        List<Strategy> strategies = List.of(Strategy.SILENT, Strategy.EQUIVOCATE, Strategy.NV_OMIT,
                Strategy.FALSE_CERTIFICATE);
        for (int seed = 1; seed <= 8; seed++) {
            Scenario scenario = Scenario.defaults(seed, 4).withClients(2, 3).withCheckpoints(2, 4)
                    .withRecordTrace(true);
            if (seed % 2 == 0) {
                scenario = scenario.withByzantine(seed % 4, strategies.get(seed / 2 % strategies.size()));
            }
            SimulationResult result = Simulator.run(scenario);
            StringBuilder text = new StringBuilder();
            result.traceLines().forEach(l -> text.append(l).append('\n'));
            Trace trace = TraceReader.read("seed-" + seed + ".ndjson", text.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(result.traceLines().size() - 1, trace.events().size());
            assertEquals(4, trace.header().n());
            trace.events().forEach(e -> actions.add(e.action()));
            events += trace.events().size();
        }
        assertTrue(events > 100, events + " events");
        assertTrue(actions.containsAll(Set.of("SendPrePrepare", "SendPrepare", "SendCommit", "Execute",
                "SendCheckpoint", "CheckpointStable")), actions.toString());
    }
}
