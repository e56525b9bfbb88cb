package org.bftref.properties;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The properties a PBFT run must have, each a plain predicate over a finished {@link Run}: empty if it holds,
 * otherwise the first violation found. Safety ones hold in every run whatever the faults (with at most f
 * Byzantine replicas); liveness holds in runs that reach GST with at most f faulty replicas.
 */
public final class Properties {

    /** A property: its name, and the check. */
    public record Property(String name, Function<Run, Optional<Violation>> check) {
    }

    public static final List<Property> SAFETY = List.of(
            new Property("Agreement", Properties::agreement),
            new Property("Validity", Properties::validity),
            new Property("Integrity", Properties::integrity),
            new Property("Linearizability", Properties::linearizable));

    public static final List<Property> ALL = List.of(
            SAFETY.get(0), SAFETY.get(1), SAFETY.get(2), SAFETY.get(3),
            new Property("LivenessAfterGST", Properties::livenessAfterGst));

    private Properties() {
    }

    /** Every property of the list that the run breaks. */
    public static List<Violation> check(Run run, List<Property> properties) {
        List<Violation> out = new ArrayList<>();
        for (Property p : properties) {
            p.check().apply(run).ifPresent(out::add);
        }
        return out;
    }

    private record RequestId(int client, long timestamp) {
    }

    /**
     * Agreement (the spec's Agreement, per sequence number): no two honest replicas execute different requests
     * at one sequence number. A batch is compared as the list of its requests in order; a replica that executes
     * n again after a restart must execute the same requests again.
     */
    public static Optional<Violation> agreement(Run run) {
        Map<Long, List<RequestId>> first = new TreeMap<>();
        Map<Long, Integer> firstReplica = new HashMap<>();
        for (int r : run.honest()) {
            Map<Long, List<RequestId>> mine = new TreeMap<>();
            for (List<Run.Execution> batch : batches(run.executions().getOrDefault(r, List.of()))) {
                long n = batch.get(0).n();
                List<RequestId> ids = batch.stream().map(e -> new RequestId(e.client(), e.timestamp())).toList();
                List<RequestId> before = mine.putIfAbsent(n, ids);
                if (before != null && !before.equals(ids)) {
                    return Optional.of(new Violation("Agreement", "replica " + r + " executed " + before + " and later "
                            + ids + " at n=" + n));
                }
                List<RequestId> other = first.putIfAbsent(n, ids);
                firstReplica.putIfAbsent(n, r);
                if (other != null && !other.equals(ids)) {
                    return Optional.of(new Violation("Agreement", "at n=" + n + " replica " + firstReplica.get(n)
                            + " executed " + other + " but replica " + r + " executed " + ids));
                }
            }
        }
        return Optional.empty();
    }

    /** Validity (the spec's Validity): only operations that clients requested are executed. */
    public static Optional<Violation> validity(Run run) {
        Map<RequestId, String> requested = new HashMap<>();
        run.clientOps().forEach(op -> requested.put(new RequestId(op.client(), op.timestamp()), op.operation()));
        for (int r : run.honest()) {
            for (Run.Execution e : run.executions().getOrDefault(r, List.of())) {
                String op = requested.get(new RequestId(e.client(), e.timestamp()));
                if (!e.operation().equals(op)) {
                    return Optional.of(new Violation("Validity", "replica " + r + " executed client " + e.client()
                            + " request " + e.timestamp() + " '" + e.operation() + "' at n=" + e.n()
                            + (op == null ? ", which no client sent" : ", but the client asked for '" + op + "'")));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Integrity: each request executes at most once, that is, at one sequence number only. (A replica that
     * restarts from an older state may execute the same request at the same n again: that is not a second
     * execution of the replicated service, whose state went back with it.)
     */
    public static Optional<Violation> integrity(Run run) {
        for (int r : run.honest()) {
            Map<RequestId, Long> at = new HashMap<>();
            for (Run.Execution e : run.executions().getOrDefault(r, List.of())) {
                Long before = at.putIfAbsent(new RequestId(e.client(), e.timestamp()), e.n());
                if (before != null && before != e.n()) {
                    return Optional.of(new Violation("Integrity", "replica " + r + " executed client " + e.client()
                            + " request " + e.timestamp() + " at n=" + before + " and again at n=" + e.n()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Linearizable results: the result a client accepted is the one the honest replicas computed in the
     * agreed order, and an operation that completed before another was submitted is ordered before it.
     */
    public static Optional<Violation> linearizable(Run run) {
        Map<RequestId, Run.Execution> executed = new HashMap<>();
        Map<RequestId, Long> position = new HashMap<>();
        for (int r : run.honest()) {
            long index = 0;
            for (Run.Execution e : run.executions().getOrDefault(r, List.of())) {
                RequestId id = new RequestId(e.client(), e.timestamp());
                executed.putIfAbsent(id, e);
                position.putIfAbsent(id, e.n() * 1_000_000 + index++);
            }
        }
        List<Run.ClientOp> done = run.clientOps().stream().filter(Run.ClientOp::completed).toList();
        for (Run.ClientOp op : done) {
            Run.Execution e = executed.get(new RequestId(op.client(), op.timestamp()));
            if (e == null) {
                return Optional.of(new Violation("Linearizability", "client " + op.client() + " accepted '"
                        + op.result() + "' for request " + op.timestamp() + ", which no honest replica executed"));
            }
            if (!e.result().equals(op.result())) {
                return Optional.of(new Violation("Linearizability", "client " + op.client() + " accepted '"
                        + op.result() + "' for request " + op.timestamp() + " but honest replicas computed '"
                        + e.result() + "'"));
            }
        }
        for (Run.ClientOp a : done) {
            for (Run.ClientOp b : run.clientOps()) {
                Long pa = position.get(new RequestId(a.client(), a.timestamp()));
                Long pb = position.get(new RequestId(b.client(), b.timestamp()));
                if (a.completedMillis() < b.submittedMillis() && pb != null && pa > pb) {
                    return Optional.of(new Violation("Linearizability", "client " + a.client() + " request "
                            + a.timestamp() + " completed before client " + b.client() + " request " + b.timestamp()
                            + " was submitted, but is ordered after it"));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Liveness after GST: with at most f faulty replicas, every operation completes within the bound after
     * GST (or after its submission, if later), and every honest replica ends in the same state, having
     * executed (or taken by state transfer) everything that was decided.
     */
    public static Optional<Violation> livenessAfterGst(Run run) {
        for (Run.ClientOp op : run.clientOps()) {
            long deadline = Math.max(run.gstMillis(), op.submittedMillis()) + run.livenessBoundMillis();
            if (!op.completed() && run.endMillis() >= deadline) {
                return Optional.of(new Violation("LivenessAfterGST", "client " + op.client() + " request "
                        + op.timestamp() + " submitted at " + op.submittedMillis() + " ms never completed (run ended at "
                        + run.endMillis() + " ms, GST " + run.gstMillis() + " ms)"));
            }
            if (!op.completed()) {
                return Optional.of(new Violation("LivenessAfterGST", "the run ended at " + run.endMillis()
                        + " ms, before client " + op.client() + " request " + op.timestamp() + " completed or its deadline "
                        + deadline + " ms"));
            }
            if (op.completedMillis() > deadline) {
                return Optional.of(new Violation("LivenessAfterGST", "client " + op.client() + " request "
                        + op.timestamp() + " completed at " + op.completedMillis() + " ms, after its deadline " + deadline + " ms"));
            }
        }
        Run.FinalState reference = null;
        int referenceReplica = -1;
        for (int r : run.honest()) {
            Run.FinalState s = run.finalStates().get(r);
            if (s == null) {
                return Optional.of(new Violation("LivenessAfterGST", "honest replica " + r + " has no final state"));
            }
            if (reference == null) {
                reference = s;
                referenceReplica = r;
            } else if (!reference.equals(s)) {
                return Optional.of(new Violation("LivenessAfterGST", "honest replicas did not converge: replica "
                        + referenceReplica + " ended at n=" + reference.lastExecuted() + ", replica " + r + " at n="
                        + s.lastExecuted() + (reference.lastExecuted() == s.lastExecuted() ? " with another state" : "")));
            }
        }
        return Optional.empty();
    }

    /** A replica's executions grouped by consecutive sequence number: one list per executed batch. */
    private static List<List<Run.Execution>> batches(List<Run.Execution> executions) {
        List<List<Run.Execution>> out = new ArrayList<>();
        List<Run.Execution> current = null;
        for (Run.Execution e : executions) {
            if (current == null || current.get(0).n() != e.n()) {
                current = new ArrayList<>();
                out.add(current);
            }
            current.add(e);
        }
        return out;
    }
}
