package org.bftref.mc.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Prints a counterexample as numbered protocol steps, each described by what changed from the state before.
 *
 * <p>It knows no action of any spec; it relies on the conventions our specs follow (design.md):
 * <ul>
 *   <li>the variable {@value #MESSAGES} is a set of message records, each with a string field {@code type}
 *       and a sender field ({@code r} or {@code from}); a record new in it is a message sent;</li>
 *   <li>other function-valued variables map replica ids to per-replica state ({@code view}, {@code normal});
 *       their changes are grouped by replica;</li>
 *   <li>anything else is a plain value, printed as {@code var: old -> new}.</li>
 * </ul>
 * The replica ids are the senders seen in {@value #MESSAGES}. TLC prints a function with domain 1..n as a
 * tuple, so a tuple whose indices are those ids is read as a per-replica function too.
 */
public final class CounterexamplePrinter {

    public static final String MESSAGES = "msgs";
    static final List<String> SENDER_FIELDS = List.of("r", "from", "src", "sender", "replica");
    /** Above this many elements, a changed set is printed as what was added and removed. */
    private static final int SMALL_SET = 4;

    /** The printed form: {@link #describe} as text ({@link ReadableCounterexample#text()}). */
    public String print(Counterexample counterexample) {
        return describe(counterexample).text();
    }

    /** Each step described by what changed, as data; values in {@link Compact}'s short form. */
    public ReadableCounterexample describe(Counterexample counterexample) {
        List<TraceState> states = counterexample.states();
        Set<TlaValue> replicas = replicaIds(states);
        List<ReadableCounterexample.State> out = new ArrayList<>();
        TraceState previous = null;
        for (TraceState state : states) {
            if (previous == null || state.isInitial()) {
                out.add(new ReadableCounterexample.Initial(state.number(), formatted(state)));
            } else {
                out.add(describeStep(previous, state, replicas));
            }
            previous = state;
        }
        Map<String, String> last = states.size() > 1 ? formatted(states.get(states.size() - 1)) : Map.of();
        return new ReadableCounterexample(out, counterexample.loopsBackTo().orElse(0), counterexample.stutters(), last);
    }

    private static Map<String, String> formatted(TraceState state) {
        Map<String, String> variables = new LinkedHashMap<>();
        state.variables().forEach((name, value) -> variables.put(name, Compact.format(value)));
        return variables;
    }

    /** The senders of all messages anywhere in the trace. */
    static Set<TlaValue> replicaIds(List<TraceState> states) {
        Set<TlaValue> ids = new LinkedHashSet<>();
        for (TraceState state : states) {
            if (state.variables().get(MESSAGES) instanceof TlaValue.SetValue msgs) {
                for (TlaValue m : msgs.elements()) {
                    if (m instanceof TlaValue.Record r && sender(r) != null) {
                        ids.add(r.get(sender(r)));
                    }
                }
            }
        }
        return ids;
    }

    static String sender(TlaValue.Record message) {
        return SENDER_FIELDS.stream().filter(message.fields()::containsKey).findFirst().orElse(null);
    }

    private ReadableCounterexample.Step describeStep(TraceState before, TraceState after, Set<TlaValue> replicas) {
        Map<TlaValue, List<ReadableCounterexample.Change>> perReplica = new LinkedHashMap<>();
        Map<TlaValue, List<ReadableCounterexample.Message>> sends = new LinkedHashMap<>();
        List<ReadableCounterexample.Change> other = new ArrayList<>();
        for (Map.Entry<String, TlaValue> entry : after.variables().entrySet()) {
            String name = entry.getKey();
            TlaValue old = before.variables().get(name);
            TlaValue now = entry.getValue();
            if (Objects.equals(old, now)) {
                continue;
            }
            if (name.equals(MESSAGES) && old instanceof TlaValue.SetValue && now instanceof TlaValue.SetValue) {
                continue; // below: a replica's state changes read better before what it sends
            }
            Map<TlaValue, TlaValue> oldMap = asFunction(old, replicas);
            Map<TlaValue, TlaValue> newMap = asFunction(now, replicas);
            if (oldMap != null && newMap != null && oldMap.keySet().equals(newMap.keySet())) {
                for (Map.Entry<TlaValue, TlaValue> e : newMap.entrySet()) {
                    TlaValue was = oldMap.get(e.getKey());
                    if (!was.equals(e.getValue())) {
                        String change = change(was, e.getValue());
                        if (replicas.isEmpty() || replicas.contains(e.getKey())) {
                            perReplica.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                    .add(new ReadableCounterexample.Change(name, null, change));
                        } else {
                            other.add(new ReadableCounterexample.Change(name, Compact.format(e.getKey()), change));
                        }
                    }
                }
            } else {
                other.add(new ReadableCounterexample.Change(name, null,
                        old == null ? "(new) " + Compact.format(now) : change(old, now)));
            }
        }
        List<ReadableCounterexample.Message> anonymous = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        if (before.variables().get(MESSAGES) instanceof TlaValue.SetValue o
                && after.variables().get(MESSAGES) instanceof TlaValue.SetValue n) {
            describeMessages(o, n, perReplica, sends, anonymous, lost);
        }
        List<ReadableCounterexample.ReplicaStep> steps = new ArrayList<>();
        for (TlaValue replica : perReplica.keySet()) {
            steps.add(new ReadableCounterexample.ReplicaStep(Compact.format(replica), perReplica.get(replica),
                    sends.getOrDefault(replica, List.of())));
        }
        return new ReadableCounterexample.Step(after.number(), after.action(), steps, other, anonymous, lost);
    }

    /**
     * The messages new in the set, each under its sender (a replica with no state change gets an empty list of
     * changes, so that replicas keep the order in which they were met), or anonymous without one; and those gone.
     */
    private static void describeMessages(TlaValue.SetValue before, TlaValue.SetValue after,
                                         Map<TlaValue, List<ReadableCounterexample.Change>> perReplica,
                                         Map<TlaValue, List<ReadableCounterexample.Message>> sends,
                                         List<ReadableCounterexample.Message> anonymous, List<String> lost) {
        Set<TlaValue> old = new LinkedHashSet<>(before.elements());
        Set<TlaValue> now = new LinkedHashSet<>(after.elements());
        for (TlaValue m : after.elements()) {
            if (old.contains(m)) {
                continue;
            }
            if (m instanceof TlaValue.Record r && sender(r) != null) {
                String field = sender(r);
                perReplica.computeIfAbsent(r.get(field), k -> new ArrayList<>());
                sends.computeIfAbsent(r.get(field), k -> new ArrayList<>())
                        .add(Compact.structured(r, field));
            } else {
                anonymous.add(Compact.structured(m, null));
            }
        }
        for (TlaValue m : before.elements()) {
            if (!now.contains(m)) {
                lost.add(Compact.format(m));
            }
        }
    }

    /** A function, or a tuple read as a function of the replica ids 1..n; null for any other value. */
    private static Map<TlaValue, TlaValue> asFunction(TlaValue value, Set<TlaValue> replicas) {
        if (value instanceof TlaValue.Function f) {
            return f.mapping();
        }
        if (value instanceof TlaValue.Seq seq && !seq.elements().isEmpty() && !replicas.isEmpty()
                && replicas.stream().allMatch(r -> r instanceof TlaValue.Int i
                && i.value().signum() > 0 && i.value().intValue() <= seq.elements().size())) {
            Map<TlaValue, TlaValue> map = new LinkedHashMap<>();
            for (int i = 0; i < seq.elements().size(); i++) {
                map.put(new TlaValue.Int(java.math.BigInteger.valueOf(i + 1)), seq.elements().get(i));
            }
            return map;
        }
        return null;
    }

    /** "old -> new", or for a large set what was added and removed. */
    private static String change(TlaValue old, TlaValue now) {
        if (old instanceof TlaValue.SetValue o && now instanceof TlaValue.SetValue n
                && Math.max(o.elements().size(), n.elements().size()) > SMALL_SET) {
            List<TlaValue> added = n.elements().stream().filter(e -> !o.elements().contains(e)).toList();
            List<TlaValue> removed = o.elements().stream().filter(e -> !n.elements().contains(e)).toList();
            List<String> parts = new ArrayList<>();
            if (!added.isEmpty()) {
                parts.add("+" + Compact.format(new TlaValue.SetValue(added)));
            }
            if (!removed.isEmpty()) {
                parts.add("-" + Compact.format(new TlaValue.SetValue(removed)));
            }
            return String.join(" ", parts);
        }
        return Compact.format(old) + " -> " + Compact.format(now);
    }
}
