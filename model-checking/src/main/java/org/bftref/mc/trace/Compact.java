package org.bftref.mc.trace;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Short, protocol-flavoured rendering of TLC values for counterexamples: records as {@code (v=0, n=1)},
 * messages as {@code PREPARE(v=0, n=1, d=a)}, functions as {@code (r1: 0, r2: 1)}, identifier-like strings
 * without quotes, and a set of records keyed by sequence number as {@code {n=1: (v=0, d=a)}} (the shape of
 * prepared certificates in view changes).
 */
final class Compact {

    private Compact() {
    }

    static String format(TlaValue value) {
        // Java 17: no pattern matching in switch yet.
        if (value instanceof TlaValue.Str s) {
            return s.value().matches("[A-Za-z0-9_]+") ? s.value() : s.toTla();
        }
        if (value instanceof TlaValue.SetValue set) {
            return formatSet(set.elements());
        }
        if (value instanceof TlaValue.Seq seq) {
            return "<<" + join(seq.elements()) + ">>";
        }
        if (value instanceof TlaValue.Record r) {
            return r.get("type") instanceof TlaValue.Str ? message(r, null) : fields(r.fields(), null);
        }
        if (value instanceof TlaValue.Function f) {
            return "(" + f.mapping().entrySet().stream()
                    .map(e -> format(e.getKey()) + ": " + format(e.getValue()))
                    .collect(Collectors.joining(", ")) + ")";
        }
        return value.toTla();
    }

    /** {@code TYPE(field=value, ...)}, leaving out {@code type} and the given field (the sender, when it is the subject). */
    static String message(TlaValue.Record message, String omit) {
        String type = ((TlaValue.Str) message.get("type")).value();
        return messageName(type) + fields(message.fields(), omit == null ? "type" : omit).replaceFirst("^\\(\\)$", "");
    }

    /**
     * A message record as data: its type as {@link #messageName}, its fields but {@code type} and {@code omit} in
     * short form, and {@link #message} as its text. Any other value is a message of no type, with its short form as
     * the text.
     */
    static ReadableCounterexample.Message structured(TlaValue value, String omit) {
        if (!(value instanceof TlaValue.Record r) || !(r.get("type") instanceof TlaValue.Str type)) {
            return new ReadableCounterexample.Message(null, Map.of(), format(value));
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        r.fields().forEach((k, v) -> {
            if (!k.equals("type") && !k.equals(omit)) {
                fields.put(k, format(v));
            }
        });
        return new ReadableCounterexample.Message(messageName(type.value()), fields, message(r, omit));
    }

    /** "PrePrepare" -> "PRE-PREPARE", "ViewChange" -> "VIEW-CHANGE", "Prepare" -> "PREPARE". */
    static String messageName(String type) {
        return type.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toUpperCase(java.util.Locale.ROOT);
    }

    private static String fields(Map<String, TlaValue> fields, String omit) {
        return "(" + fields.entrySet().stream()
                .filter(e -> !e.getKey().equals("type") && !e.getKey().equals(omit))
                .map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String formatSet(List<TlaValue> elements) {
        boolean keyedBySequenceNumber = !elements.isEmpty() && elements.stream().allMatch(e ->
                e instanceof TlaValue.Record r && r.fields().containsKey("n") && !r.fields().containsKey("type")
                        && r.fields().size() > 1);
        if (keyedBySequenceNumber) {
            return "{" + elements.stream().map(e -> {
                TlaValue.Record r = (TlaValue.Record) e;
                return "n=" + format(r.get("n")) + ": " + fields(r.fields(), "n");
            }).collect(Collectors.joining(", ")) + "}";
        }
        return "{" + join(elements) + "}";
    }

    private static String join(List<TlaValue> values) {
        return values.stream().map(Compact::format).collect(Collectors.joining(", "));
    }
}
