package org.bftref.properties;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A finished run as plain data: what every honest replica executed, and what every client asked and got.
 * The properties read only this, so any engine (the simulator, a fuzzer, a real cluster's logs) that can fill
 * it in can be checked by them.
 *
 * @param f                  faults tolerated
 * @param honest             the honest replicas (Byzantine ones, and both copies of a twin, are left out)
 * @param executions         per honest replica, what it executed in order, across restarts
 * @param finalStates        per honest replica, its last executed sequence number and state digest at the end
 * @param clientOps          every operation a client submitted, with what it got
 * @param gstMillis          global stabilisation time: from then on messages arrive within a bound
 * @param endMillis          virtual time at which the run stopped
 * @param livenessBoundMillis how long after GST (or after its submission, if later) an operation may take
 */
public record Run(int f, Set<Integer> honest, Map<Integer, List<Execution>> executions,
                  Map<Integer, FinalState> finalStates, List<ClientOp> clientOps, long gstMillis, long endMillis,
                  long livenessBoundMillis) {

    public Run {
        honest = Set.copyOf(honest);
        executions = Map.copyOf(executions);
        finalStates = Map.copyOf(finalStates);
        clientOps = List.copyOf(clientOps);
    }

    /** One request executed by one replica at sequence number n. */
    public record Execution(long n, int client, long timestamp, String operation, String result, long atMillis) {
    }

    /** Where a replica ended: after executing 1..lastExecuted, with this service state. */
    public record FinalState(long lastExecuted, String stateDigest) {
    }

    /** A client's operation: submitted at a time, completed (f+1 matching replies) at a time or never (-1). */
    public record ClientOp(int client, long timestamp, String operation, long submittedMillis, long completedMillis,
                           String result) {
        public boolean completed() {
            return completedMillis >= 0;
        }
    }
}
