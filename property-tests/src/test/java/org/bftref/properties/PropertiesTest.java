package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Each property holds on a good run and catches the one thing it is about on a run broken by hand. */
class PropertiesTest {

    private static Run.Execution exec(long n, int client, long ts, String op, String result) {
        return new Run.Execution(n, client, ts, op, result, 10 * n);
    }

    private static final Run.ClientOp OP1 = new Run.ClientOp(0, 1, "a", 0, 50, "a@1");
    private static final Run.ClientOp OP2 = new Run.ClientOp(1, 1, "b", 60, 90, "b@2");

    private static Run run(Map<Integer, List<Run.Execution>> executions, List<Run.ClientOp> ops,
                           Map<Integer, Run.FinalState> states) {
        return new Run(1, Set.of(1, 2, 3), executions, states, ops, 100, 5_000, 2_000);
    }

    private static final List<Run.Execution> GOOD = List.of(exec(1, 0, 1, "a", "a@1"), exec(2, 1, 1, "b", "b@2"));
    private static final Map<Integer, Run.FinalState> SAME = Map.of(1, new Run.FinalState(2, "x"),
            2, new Run.FinalState(2, "x"), 3, new Run.FinalState(2, "x"));

    @Test
    void aCorrectRunHasEveryProperty() {
        Run good = run(Map.of(1, GOOD, 2, GOOD, 3, GOOD), List.of(OP1, OP2), SAME);
        assertEquals(List.of(), Properties.check(good, Properties.ALL));
    }

    @Test
    void agreementCatchesTwoRequestsAtOneSequenceNumber() {
        List<Run.Execution> other = List.of(exec(1, 1, 1, "b", "b@1"), exec(2, 0, 1, "a", "a@2"));
        Run bad = run(Map.of(1, GOOD, 2, other, 3, GOOD), List.of(OP1, OP2), SAME);
        assertTrue(Properties.agreement(bad).isPresent());
    }

    @Test
    void validityCatchesAnOperationNoClientSent() {
        List<Run.Execution> forged = List.of(exec(1, 0, 1, "a", "a@1"), exec(2, 1, 1, "transfer all", "x"));
        Run bad = run(Map.of(1, forged, 2, forged, 3, forged), List.of(OP1, OP2), SAME);
        assertTrue(Properties.validity(bad).isPresent());
    }

    @Test
    void integrityCatchesARequestExecutedAtTwoSequenceNumbers() {
        List<Run.Execution> twice = List.of(exec(1, 0, 1, "a", "a@1"), exec(2, 0, 1, "a", "a@2"));
        Run bad = run(Map.of(1, twice, 2, GOOD, 3, GOOD), List.of(OP1, OP2), SAME);
        assertTrue(Properties.integrity(bad).isPresent());
    }

    @Test
    void linearizabilityCatchesAWrongResultAndAnOrderAgainstRealTime() {
        Run wrongResult = run(Map.of(1, GOOD, 2, GOOD, 3, GOOD),
                List.of(new Run.ClientOp(0, 1, "a", 0, 50, "a@7"), OP2), SAME);
        assertTrue(Properties.linearizable(wrongResult).isPresent());
        List<Run.Execution> reversed = List.of(exec(1, 1, 1, "b", "b@1"), exec(2, 0, 1, "a", "a@2"));
        Run reorder = run(Map.of(1, reversed, 2, reversed, 3, reversed),
                List.of(new Run.ClientOp(0, 1, "a", 0, 50, "a@2"), new Run.ClientOp(1, 1, "b", 60, 90, "b@1")), SAME);
        assertTrue(Properties.linearizable(reorder).isPresent(), "a completed before b was submitted");
    }

    @Test
    void livenessCatchesAnOperationThatNeverCompletesAndReplicasThatDiverge() {
        Run stuck = run(Map.of(1, GOOD, 2, GOOD, 3, GOOD),
                List.of(OP1, new Run.ClientOp(1, 1, "b", 60, -1, null)), SAME);
        assertTrue(Properties.livenessAfterGst(stuck).isPresent());
        Run behind = run(Map.of(1, GOOD, 2, GOOD, 3, GOOD.subList(0, 1)), List.of(OP1, OP2),
                Map.of(1, new Run.FinalState(2, "x"), 2, new Run.FinalState(2, "x"), 3, new Run.FinalState(1, "y")));
        assertTrue(Properties.livenessAfterGst(behind).isPresent());
        assertTrue(Properties.check(behind, Properties.SAFETY).isEmpty(), "lagging is not unsafe");
    }
}
