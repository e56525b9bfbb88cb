package org.bftref.trace.itf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An ITF trace as read: the file, the top-level {@code #meta} (an empty object if absent), the trace parameters
 * ({@code params}, empty if absent), the variables ({@code vars}), the states (each maps every variable and
 * every parameter to its value; {@code #meta} of states is checked and dropped), and {@code loop} (the index a
 * lasso returns to), or -1.
 */
public record ItfTrace(Path file, ObjectNode meta, List<String> params, List<String> vars,
                       List<Map<String, ItfValue>> states, int loop) {

    public ItfTrace {
        params = List.copyOf(params);
        vars = List.copyOf(vars);
        states = List.copyOf(states);
    }
}
