package org.bftref.impl.sim;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bftref.impl.core.TraceEvent;

/**
 * What one simulated run did, as plain data for property predicates: what each honest replica executed and
 * when, what each client asked for and got, the views, every drop by reason, the trace. Immutable.
 *
 * <p>Honest replicas are those not listed as Byzantine in the scenario (twins included among the Byzantine);
 * an honest replica that crashed is still honest, and its executions span its incarnations. Nothing about the
 * Byzantine replicas' own state is reported except what they did ({@link #byzantineActions}).
 *
 * <p>{@link #equals} compares everything but the wall time: two results are equal when the runs were the same.
 */
public final class SimulationResult {

    /** How a run ended. */
    public enum Stop {
        /**
         * Every client operation completed and, past GST, no message was left in flight, and the honest
         * replicas that are up had executed equally far, or had not within 10 view-change timeouts of the
         * clients being done past GST ({@link #finalStates} shows who lagged).
         */
        COMPLETED,
        /** The virtual clock reached the scenario's maxVirtualMillis first. */
        TIME_LIMIT,
        /** The run processed the scenario's maxEvents first. */
        EVENT_LIMIT,
        /** Nothing was left to happen, yet some client operation had not completed. */
        STALLED
    }

    /** One client request executed by one replica, from the core's {@code Effect.Executed}. */
    public record Execution(long n, int client, long timestamp, String operation, String result, long atMillis) {
    }

    /**
     * One operation a client was to submit: timestamp and submittedAt are -1 if it never got to submit it (the
     * previous one never completed), completedAt is -1 and result null if it did not complete.
     */
    public record ClientOp(int client, long timestamp, String operation, long submittedAt, long completedAt,
                           String result) {
        public boolean completed() {
            return completedAt >= 0;
        }
    }

    /**
     * Where an honest replica stood at the end (a crashed one: when it went down): its view, the last sequence
     * number it executed (or adopted by state transfer), and the digest of its service state (hex).
     */
    public record FinalState(long view, long lastExecuted, String stateDigest) {
    }

    /** A trace event of an honest replica (the replica is in the event) at a virtual time. */
    public record TimedTraceEvent(long atMillis, TraceEvent event) {
    }

    private final Scenario scenario;
    private final Map<Integer, List<Execution>> executions;
    private final List<ClientOp> clientOps;
    private final Map<Integer, FinalState> finalStates;
    private final long viewChanges;
    private final Map<String, Long> drops;
    private final Map<String, Long> clientDrops;
    private final Map<String, Long> counters;
    private final Map<String, Long> byzantineActions;
    private final Map<String, Long> traceActions;
    private final List<TimedTraceEvent> trace;
    private final long endMillis;
    private final long wallMillis;
    private final long events;
    private final Stop stop;
    private final int[] choices;

    SimulationResult(Scenario scenario, Map<Integer, List<Execution>> executions, List<ClientOp> clientOps,
                     Map<Integer, FinalState> finalStates, long viewChanges, Map<String, Long> drops,
                     Map<String, Long> clientDrops, Map<String, Long> counters, Map<String, Long> byzantineActions,
                     Map<String, Long> traceActions, List<TimedTraceEvent> trace, long endMillis, long wallMillis,
                     long events, Stop stop, int[] choices) {
        this.scenario = Objects.requireNonNull(scenario);
        TreeMap<Integer, List<Execution>> byReplica = new TreeMap<>();
        executions.forEach((r, list) -> byReplica.put(r, List.copyOf(list)));
        this.executions = Collections.unmodifiableMap(byReplica);
        this.clientOps = List.copyOf(clientOps);
        this.finalStates = Collections.unmodifiableMap(new TreeMap<>(finalStates));
        this.viewChanges = viewChanges;
        this.drops = sorted(drops);
        this.clientDrops = sorted(clientDrops);
        this.counters = sorted(counters);
        this.byzantineActions = sorted(byzantineActions);
        this.traceActions = sorted(traceActions);
        this.trace = List.copyOf(trace);
        this.endMillis = endMillis;
        this.wallMillis = wallMillis;
        this.events = events;
        this.stop = Objects.requireNonNull(stop);
        this.choices = choices.clone();
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    public Scenario scenario() {
        return scenario;
    }

    /**
     * Per honest replica, every request it executed, in execution order. A replica that adopted a state by
     * state transfer (or restored one after a restart) did not execute what that state covers, so its list has
     * no entries for those sequence numbers (the trace shows {@code StateTransfer}); a restarted replica that
     * executes again what followed its last stable state is reported once per request ({@code reexecuted} in
     * {@link #counters} counts the repetitions).
     */
    public Map<Integer, List<Execution>> executions() {
        return executions;
    }

    /** Every operation the scenario's clients were to submit, client by client, in order. */
    public List<ClientOp> clientOps() {
        return clientOps;
    }

    /** Where each honest replica stood at the end (a crashed one: when it went down). */
    public Map<Integer, FinalState> finalStates() {
        return finalStates;
    }

    /** The view each honest replica was in at the end (a crashed one: the view it was in when it went down). */
    public Map<Integer, Long> finalViews() {
        Map<Integer, Long> views = new TreeMap<>();
        finalStates.forEach((r, s) -> views.put(r, s.view()));
        return Collections.unmodifiableMap(views);
    }

    /** How many distinct views above 0 some honest replica entered (sent or accepted their NEW-VIEW). */
    public long viewChanges() {
        return viewChanges;
    }

    /**
     * Messages and inputs honest replicas refused, by reason: the core's {@code DropReason} names, plus the
     * simulator's own {@code BAD_SIGNATURE} (failed deep verification, never handed to the core) and
     * {@code UNDECODABLE} (only with checkWireFormat).
     */
    public Map<String, Long> drops() {
        return drops;
    }

    /** The same for the clients (replies refused). */
    public Map<String, Long> clientDrops() {
        return clientDrops;
    }

    /**
     * What the network and the fault injection did: {@code messages.sent}, {@code .delivered}, {@code .lost},
     * {@code .partitioned}, {@code .duplicated}, {@code .toDownReplica}; {@code crashes}, {@code restarts},
     * {@code persisted} (records appended to honest replicas' storage).
     */
    public Map<String, Long> counters() {
        return counters;
    }

    /** What the Byzantine strategies did, as {@code STRATEGY:action} counts. */
    public Map<String, Long> byzantineActions() {
        return byzantineActions;
    }

    /** Trace events of honest replicas by action name (always kept, even without recordTrace). */
    public Map<String, Long> traceActions() {
        return traceActions;
    }

    /** Every trace event of honest replicas in the order they happened; empty unless the scenario records the trace. */
    public List<TimedTraceEvent> trace() {
        return trace;
    }

    /**
     * The run's trace in the bftref trace format (trace-validation/FORMAT.md): the header, then one line per
     * event, in the order the events happened, with the virtual time in {@code t}. Empty unless the scenario
     * recorded its trace. The Byzantine replicas are the trace's faulty ones; crashed honest replicas are honest.
     */
    public List<String> traceLines() {
        if (!scenario.recordTrace()) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>(trace.size() + 1);
        lines.add(org.bftref.impl.trace.TraceFormat.header(scenario.config(), scenario.byzantine().keySet(),
                org.bftref.impl.crypto.Codec.NULL_REQUEST_DIGEST.hex(), "bftref simulate, seed " + scenario.seed()));
        for (TimedTraceEvent e : trace) {
            lines.add(org.bftref.impl.trace.TraceFormat.event(e.event(), null, e.atMillis()));
        }
        return lines;
    }

    /** The virtual time when the run stopped. */
    public long endMillis() {
        return endMillis;
    }

    /** How long the run took on the machine; not part of what happened, so not part of equals. */
    public long wallMillis() {
        return wallMillis;
    }

    public long events() {
        return events;
    }

    public Stop stop() {
        return stop;
    }

    public long gstMillis() {
        return scenario.network().gstMillis();
    }

    /** The values of every choice the run made; {@code new ReplayChoices(choices())} runs it again. */
    public int[] choices() {
        return choices.clone();
    }

    // ------------------------------------------------------------------------------------------------
    // Conveniences for predicates.

    public boolean allClientOpsCompleted() {
        return clientOps.stream().allMatch(ClientOp::completed);
    }

    public long completedClientOps() {
        return clientOps.stream().filter(ClientOp::completed).count();
    }

    /** The most requests any honest replica executed. */
    public long decisions() {
        return executions.values().stream().mapToLong(List::size).max().orElse(0);
    }

    public long maxFinalView() {
        return finalStates.values().stream().mapToLong(FinalState::view).max().orElse(0);
    }

    public long drops(String reason) {
        return drops.getOrDefault(reason, 0L);
    }

    // ------------------------------------------------------------------------------------------------

    /** A few lines for people: the seed, what was decided, views, drops, times. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("seed ").append(scenario.seed()).append(": n=").append(scenario.n()).append(" f=").append(scenario.f())
                .append(", ").append(scenario.clients()).append(" clients x ").append(scenario.requestsPerClient())
                .append(" requests, byzantine ").append(scenario.byzantine());
        if (!scenario.crashes().isEmpty()) {
            b.append(", ").append(scenario.crashes().size()).append(" crash(es)");
        }
        if (!scenario.mutants().isEmpty()) {
            b.append(", mutants ").append(scenario.mutants());
        }
        b.append('\n');
        b.append("stopped ").append(stop).append(" at ").append(endMillis).append(" ms virtual (GST ")
                .append(gstMillis()).append(" ms) after ").append(events).append(" events, ").append(choices.length)
                .append(" choices, ").append(wallMillis).append(" ms wall\n");
        b.append("client ops completed: ").append(completedClientOps()).append('/').append(clientOps.size())
                .append("; decisions per honest replica: ").append(executions.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().size()).collect(Collectors.joining(", ")))
                .append('\n');
        b.append("views: ").append(viewChanges).append(" view change(s), final ").append(finalViews()).append('\n');
        b.append("drops: ").append(drops.isEmpty() ? "none" : drops.toString()).append('\n');
        if (!byzantineActions.isEmpty()) {
            b.append("byzantine: ").append(byzantineActions).append('\n');
        }
        b.append("network: ").append(counters);
        return b.toString();
    }

    /** The result as JSON (the CLI's --json): everything but the trace events themselves, which go to NDJSON. */
    public String toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode o = json.objectNode();
        o.put("format", "bftref-simulation-result");
        o.put("version", 1);
        o.set("scenario", ScenarioFile.scenarioJson(scenario));
        o.put("stop", stop.name());
        o.put("endMillis", endMillis);
        o.put("gstMillis", gstMillis());
        o.put("wallMillis", wallMillis);
        o.put("events", events);
        o.put("decisions", decisions());
        o.put("viewChanges", viewChanges);
        ObjectNode states = o.putObject("finalStates");
        finalStates.forEach((r, st) -> {
            ObjectNode x = states.putObject(String.valueOf(r));
            x.put("view", st.view());
            x.put("lastExecuted", st.lastExecuted());
            x.put("stateDigest", st.stateDigest());
        });
        o.set("drops", counts(drops));
        o.set("clientDrops", counts(clientDrops));
        o.set("counters", counts(counters));
        o.set("byzantineActions", counts(byzantineActions));
        o.set("traceActions", counts(traceActions));
        o.put("traceEvents", trace.size());
        ArrayNode ops = o.putArray("clientOps");
        for (ClientOp op : clientOps) {
            ObjectNode x = ops.addObject();
            x.put("client", op.client());
            x.put("timestamp", op.timestamp());
            x.put("operation", op.operation());
            x.put("submittedAt", op.submittedAt());
            x.put("completedAt", op.completedAt());
            x.put("result", op.result());
        }
        ObjectNode exec = o.putObject("executions");
        executions.forEach((r, list) -> {
            ArrayNode a = exec.putArray(String.valueOf(r));
            for (Execution e : list) {
                ObjectNode x = a.addObject();
                x.put("n", e.n());
                x.put("client", e.client());
                x.put("timestamp", e.timestamp());
                x.put("operation", e.operation());
                x.put("result", e.result());
                x.put("atMillis", e.atMillis());
            }
        });
        ArrayNode c = o.putArray("choices");
        for (int v : choices) {
            c.add(v);
        }
        return ScenarioFile.pretty(o);
    }

    private static ObjectNode counts(Map<String, Long> counts) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        counts.forEach(o::put);
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulationResult r && r.scenario.equals(scenario) && r.executions.equals(executions)
                && r.clientOps.equals(clientOps) && r.finalStates.equals(finalStates) && r.viewChanges == viewChanges
                && r.drops.equals(drops) && r.clientDrops.equals(clientDrops) && r.counters.equals(counters)
                && r.byzantineActions.equals(byzantineActions) && r.traceActions.equals(traceActions)
                && r.trace.equals(trace) && r.endMillis == endMillis && r.events == events && r.stop == stop
                && Arrays.equals(r.choices, choices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scenario, executions, clientOps, drops, endMillis, events, stop) * 31 + Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return "SimulationResult[" + summary().replace('\n', ';') + "]";
    }
}
