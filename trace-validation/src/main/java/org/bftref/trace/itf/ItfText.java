package org.bftref.trace.itf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ITF values written out: as ITF JSON (what {@link ItfReader} reads back), as TLA+ text for verdicts, and in a
 * canonical TLA+ text (sets and maps sorted) that is equal for equal values, to compare states without TLC.
 */
public final class ItfText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ItfText() {
    }

    /** ITF JSON, as Apalache writes it. */
    public static JsonNode json(ItfValue value) {
        if (value instanceof ItfValue.Int i) {
            ObjectNode o = JSON.createObjectNode();
            o.put("#bigint", i.value().toString());
            return o;
        }
        if (value instanceof ItfValue.Str s) {
            return JSON.getNodeFactory().textNode(s.value());
        }
        if (value instanceof ItfValue.Bool b) {
            return JSON.getNodeFactory().booleanNode(b.value());
        }
        if (value instanceof ItfValue.Seq seq) {
            return array(seq.elements());
        }
        if (value instanceof ItfValue.Tup tup) {
            ObjectNode o = JSON.createObjectNode();
            o.set("#tup", array(tup.elements()));
            return o;
        }
        if (value instanceof ItfValue.SetOf set) {
            ObjectNode o = JSON.createObjectNode();
            o.set("#set", array(set.elements()));
            return o;
        }
        if (value instanceof ItfValue.Rec rec) {
            ObjectNode o = JSON.createObjectNode();
            rec.fields().forEach((k, v) -> o.set(k, json(v)));
            return o;
        }
        ItfValue.MapOf map = (ItfValue.MapOf) value;
        ArrayNode pairs = JSON.createArrayNode();
        for (ItfValue.Pair p : map.entries()) {
            pairs.add(JSON.createArrayNode().add(json(p.key())).add(json(p.value())));
        }
        ObjectNode o = JSON.createObjectNode();
        o.set("#map", pairs);
        return o;
    }

    private static ArrayNode array(List<ItfValue> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(v -> a.add(json(v)));
        return a;
    }

    /** TLA+ text, elements in the order of the file. */
    public static String tla(ItfValue value) {
        return text(value, false);
    }

    /** TLA+ text with sets and maps sorted by their own canonical text: equal values, equal text. */
    public static String canonical(ItfValue value) {
        return text(value, true);
    }

    private static String text(ItfValue value, boolean sorted) {
        if (value instanceof ItfValue.Int i) {
            return i.value().toString();
        }
        if (value instanceof ItfValue.Str s) {
            return '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof ItfValue.Bool b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        if (value instanceof ItfValue.Seq seq) {
            return "<<" + join(seq.elements(), sorted, false) + ">>";
        }
        if (value instanceof ItfValue.Tup tup) {
            return "<<" + join(tup.elements(), sorted, false) + ">>";
        }
        if (value instanceof ItfValue.SetOf set) {
            return "{" + join(set.elements(), sorted, sorted) + "}";
        }
        if (value instanceof ItfValue.Rec rec) {
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, ItfValue> f : rec.fields().entrySet()) {
                fields.add(f.getKey() + " |-> " + text(f.getValue(), sorted));
            }
            if (sorted) {
                fields.sort(null);
            }
            return "[" + String.join(", ", fields) + "]";
        }
        ItfValue.MapOf map = (ItfValue.MapOf) value;
        if (map.entries().isEmpty()) {
            return "<<>>";
        }
        List<String> pairs = new ArrayList<>();
        for (ItfValue.Pair p : map.entries()) {
            pairs.add(text(p.key(), sorted) + " :> " + text(p.value(), sorted));
        }
        if (sorted) {
            pairs.sort(null);
        }
        return "(" + String.join(" @@ ", pairs) + ")";
    }

    private static String join(List<ItfValue> values, boolean sortedInside, boolean sortHere) {
        List<String> parts = values.stream().map(v -> text(v, sortedInside)).collect(Collectors.toList());
        if (sortHere) {
            parts = parts.stream().distinct().sorted().collect(Collectors.toList());
        }
        return String.join(", ", parts);
    }
}
