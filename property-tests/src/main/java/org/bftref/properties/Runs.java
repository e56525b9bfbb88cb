package org.bftref.properties;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;

/** Turns a simulation's result into the plain {@link Run} the properties read. */
public final class Runs {

    private Runs() {
    }

    /**
     * How long after GST (or after its submission, if later) an operation may take: time for a few view
     * changes in a row (each faulty primary costs at most one view-change timeout, and there are at most f of
     * them in a row, plus a view change begun just before GST) and for the client's retry.
     */
    public static long livenessBoundMillis(Scenario s) {
        return (long) (s.f() + 3) * 4 * s.viewChangeTimeoutMillis() + 50L * s.network().maxDelayAfterGstMillis();
    }

    public static Run of(SimulationResult r) {
        Scenario s = r.scenario();
        Set<Integer> honest = new TreeSet<>();
        for (int i = 0; i < s.n(); i++) {
            if (!s.isByzantine(i)) {
                honest.add(i);
            }
        }
        Map<Integer, List<Run.Execution>> executions = new TreeMap<>();
        r.executions().forEach((replica, list) -> executions.put(replica, list.stream()
                .map(e -> new Run.Execution(e.n(), e.client(), e.timestamp(), e.operation(), e.result(), e.atMillis()))
                .toList()));
        Map<Integer, Run.FinalState> finals = new HashMap<>();
        r.finalStates().forEach((replica, st) -> finals.put(replica, new Run.FinalState(st.lastExecuted(), st.stateDigest())));
        List<Run.ClientOp> ops = r.clientOps().stream()
                .map(o -> new Run.ClientOp(o.client(), o.timestamp(), o.operation(), o.submittedAt(), o.completedAt(),
                        o.result()))
                .toList();
        return new Run(s.f(), honest, executions, finals, ops, s.network().gstMillis(), r.endMillis(),
                livenessBoundMillis(s));
    }
}
