package org.bftref.mc.trace;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value as TLC prints it in a counterexample. Only the shapes TLC's printer produces are modelled;
 * anything else (an unenumerated set such as {@code SUBSET S}, a lambda) is kept as {@link Unparsed} text,
 * so that a spec using an exotic value still gets a readable, if less structured, trace.
 */
public sealed interface TlaValue {

    /** TLA+ source form, on one line. Used for "old -> new" fallbacks and equality-independent printing. */
    String toTla();

    record Int(java.math.BigInteger value) implements TlaValue {
        public String toTla() { return value.toString(); }
    }

    record Str(String value) implements TlaValue {
        public String toTla() { return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"'; }
    }

    record Bool(boolean value) implements TlaValue {
        public String toTla() { return value ? "TRUE" : "FALSE"; }
    }

    /** A model value (from the config, e.g. {@code r1}) or any other bare identifier TLC prints. */
    record ModelValue(String name) implements TlaValue {
        public String toTla() { return name; }
    }

    /** TLC prints sets normalised (sorted, no duplicates); the order is kept as printed. */
    record SetValue(List<TlaValue> elements) implements TlaValue {
        public SetValue { elements = List.copyOf(elements); }
        public String toTla() { return "{" + join(elements) + "}"; }
    }

    /** A tuple or sequence; TLC also prints every function with domain 1..n this way. */
    record Seq(List<TlaValue> elements) implements TlaValue {
        public Seq { elements = List.copyOf(elements); }
        public String toTla() { return "<<" + join(elements) + ">>"; }
    }

    /** A record {@code [a |-> 1, b |-> 2]}; field order as printed. */
    record Record(Map<String, TlaValue> fields) implements TlaValue {
        public Record { fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)); }
        public String toTla() {
            return "[" + fields.entrySet().stream().map(e -> e.getKey() + " |-> " + e.getValue().toTla())
                    .collect(Collectors.joining(", ")) + "]";
        }
        public TlaValue get(String field) { return fields.get(field); }
    }

    /** A function printed as {@code (k1 :> v1 @@ k2 :> v2)}; mapping order as printed. */
    record Function(Map<TlaValue, TlaValue> mapping) implements TlaValue {
        public Function { mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping)); }
        public String toTla() {
            return "(" + mapping.entrySet().stream().map(e -> e.getKey().toTla() + " :> " + e.getValue().toTla())
                    .collect(Collectors.joining(" @@ ")) + ")";
        }
    }

    /** An integer interval {@code a..b}, which TLC prints unexpanded. */
    record Interval(java.math.BigInteger low, java.math.BigInteger high) implements TlaValue {
        public String toTla() { return low + ".." + high; }
    }

    /** Text this parser does not understand, whitespace-normalised. */
    record Unparsed(String text) implements TlaValue {
        public String toTla() { return text; }
    }

    private static String join(List<TlaValue> values) {
        return values.stream().map(TlaValue::toTla).collect(Collectors.joining(", "));
    }
}
