package org.bftref.trace.itf;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of the Informal Trace Format (Apalache ADR-015), as {@link ItfReader} reads it. The kinds are exactly
 * those of the format: booleans and strings as JSON has them, integers as {@code {"#bigint": "..."}}, sequences
 * as JSON arrays, tuples as {@code {"#tup": [...]}}, sets as {@code {"#set": [...]}}, functions as
 * {@code {"#map": [[key, value], ...]}}, records as JSON objects without {@code #} keys. Element order is kept as
 * read; what counts as equal (sets, maps) is decided by TLC, which gets these values.
 */
public sealed interface ItfValue {

    /** The kind, in the words ITFInput.tla's ITFKind uses (sequences and tuples are both "tuple" in TLA+). */
    String kind();

    record Int(BigInteger value) implements ItfValue {
        public String kind() { return "int"; }
    }

    record Str(String value) implements ItfValue {
        public String kind() { return "string"; }
    }

    record Bool(boolean value) implements ItfValue {
        public String kind() { return "bool"; }
    }

    /** A JSON array: a TLA+ sequence. */
    record Seq(List<ItfValue> elements) implements ItfValue {
        public Seq { elements = List.copyOf(elements); }
        public String kind() { return "tuple"; }
    }

    /** {@code #tup}: a TLA+ tuple (in TLA+ the same thing as a sequence). */
    record Tup(List<ItfValue> elements) implements ItfValue {
        public Tup { elements = List.copyOf(elements); }
        public String kind() { return "tuple"; }
    }

    /** {@code #set}. */
    record SetOf(List<ItfValue> elements) implements ItfValue {
        public SetOf { elements = List.copyOf(elements); }
        public String kind() { return "set"; }
    }

    /** A JSON object without {@code #} keys: a TLA+ record; fields in the order read. */
    record Rec(Map<String, ItfValue> fields) implements ItfValue {
        public Rec { fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); }
        public String kind() { return "record"; }
    }

    /** {@code #map}: a function, as its [key, value] pairs (keys distinct, checked by the reader). */
    record MapOf(List<Pair> entries) implements ItfValue {
        public MapOf { entries = List.copyOf(entries); }
        public String kind() { return "map"; }
    }

    record Pair(ItfValue key, ItfValue value) {
    }
}
