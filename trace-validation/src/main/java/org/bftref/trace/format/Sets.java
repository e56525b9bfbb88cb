package org.bftref.trace.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every array in the format is a set: equality of two values is equality as sets at every level (an object's key
 * order and an array's element order do not matter). {@link #canonical} writes a value in one form per set value,
 * for comparing only.
 */
final class Sets {

    private Sets() {
    }

    /** The canonical text of a value: object keys sorted, array elements sorted by their own canonical text. */
    static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        canonical(node, sb);
        return sb.toString();
    }

    private static void canonical(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            sb.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String name = names.get(i);
                sb.append(name.length()).append(':').append(name).append('=');
                canonical(node.get(names.get(i)), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            List<String> elements = new ArrayList<>(node.size());
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                elements.add(canonical(it.next()));
            }
            elements.sort(null);
            sb.append('[').append(String.join(",", elements)).append(']');
        } else if (node.isTextual()) {
            // Only compared, never parsed back: a length prefix keeps it unambiguous without escaping (and
            // without JsonNode.toString, which runs a whole ObjectWriter per scalar).
            String text = node.textValue();
            sb.append('s').append(text.length()).append(':').append(text);
        } else {
            sb.append(node.asText());
        }
    }

    /**
     * The first element of an array equal (as a set value) to an earlier one: {earlier index, later index}, or
     * null when all are distinct.
     */
    static int[] firstDuplicate(JsonNode array) {
        int size = array.size();
        if (size < 2) {
            return null;
        }
        boolean scalars = true;
        for (int i = 0; i < size && scalars; i++) {
            scalars = !array.get(i).isContainerNode();
        }
        if (scalars && size <= 16) {
            for (int j = 1; j < size; j++) {
                JsonNode b = array.get(j);
                for (int i = 0; i < j; i++) {
                    if (array.get(i).equals(b)) {
                        return new int[] {i, j};
                    }
                }
            }
            return null;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < size; j++) {
            Integer i = seen.putIfAbsent(canonical(array.get(j)), j);
            if (i != null) {
                return new int[] {i, j};
            }
        }
        return null;
    }
}
