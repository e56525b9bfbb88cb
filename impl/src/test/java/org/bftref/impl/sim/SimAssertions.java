package org.bftref.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bftref.impl.sim.SimulationResult.ClientOp;
import org.bftref.impl.sim.SimulationResult.Execution;

/** The checks the simulator's own tests make of a result; the property tests proper live in property-tests. */
final class SimAssertions {

    private SimAssertions() {
    }

    /**
     * Safety: for every sequence number, every honest replica that executed it executed the same requests with
     * the same results; each replica executes in sequence-number order and each request at most once.
     */
    static void assertHonestReplicasAgree(SimulationResult r) {
        Map<Long, List<String>> agreed = new TreeMap<>();
        Map<Long, Integer> agreedBy = new TreeMap<>();
        for (Map.Entry<Integer, List<Execution>> e : r.executions().entrySet()) {
            Map<Long, List<String>> mine = new TreeMap<>();
            long last = 0;
            Set<String> requests = new HashSet<>();
            for (Execution x : e.getValue()) {
                assertTrue(x.n() >= last, () -> "replica " + e.getKey() + " executed n=" + x.n() + " after a higher one\n"
                        + r.summary());
                last = x.n();
                assertTrue(requests.add(x.client() + "/" + x.timestamp()), () -> "replica " + e.getKey()
                        + " executed request " + x.client() + "/" + x.timestamp() + " twice\n" + r.summary());
                mine.computeIfAbsent(x.n(), k -> new ArrayList<>()).add(x.client() + "/" + x.timestamp() + " "
                        + x.operation() + " -> " + x.result());
            }
            for (Map.Entry<Long, List<String>> m : mine.entrySet()) {
                List<String> before = agreed.putIfAbsent(m.getKey(), m.getValue());
                if (before != null && !before.equals(m.getValue())) {
                    fail("replicas " + agreedBy.get(m.getKey()) + " and " + e.getKey() + " disagree at n=" + m.getKey()
                            + ": " + before + " vs " + m.getValue() + "\n" + r.summary());
                }
                agreedBy.putIfAbsent(m.getKey(), e.getKey());
            }
        }
    }

    /** Liveness after GST: the run completed, every client operation with it, and every result is one a replica gave. */
    static void assertCompleted(SimulationResult r) {
        assertEquals(SimulationResult.Stop.COMPLETED, r.stop(), r::summary);
        assertTrue(r.allClientOpsCompleted(), r::summary);
        assertEquals(r.scenario().operations(), r.clientOps().size());
        for (ClientOp op : r.clientOps()) {
            assertNotNull(op.result(), op::toString);
            boolean someoneExecutedIt = r.executions().values().stream().flatMap(List::stream)
                    .anyMatch(x -> x.client() == op.client() && x.timestamp() == op.timestamp()
                            && x.result().equals(op.result()));
            assertTrue(someoneExecutedIt, () -> op + " completed with a result no honest replica produced\n" + r.summary());
        }
    }

    /** Every honest replica ended at the same sequence number with the same service state. */
    static void assertConverged(SimulationResult r) {
        assertEquals(1, r.finalStates().values().stream()
                .map(s -> s.lastExecuted() + " " + s.stateDigest()).distinct().count(), r::summary);
        assertEquals(r.scenario().operations() > 0, r.finalStates().values().iterator().next().lastExecuted() > 0);
    }

    static void assertCompletedAndAgreed(SimulationResult r) {
        assertHonestReplicasAgree(r);
        assertCompleted(r);
    }

    /** The default scenario with a network that loses nothing (see SimulatorTest for why loss is kept apart). */
    static Scenario lossless(long seed, int n) {
        Scenario s = Scenario.defaults(seed, n);
        return s.withNetwork(s.network().withDropPercent(0));
    }
}
