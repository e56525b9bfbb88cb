package org.bftref.trace.validate;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What TLC decided about one ITF trace: accepted, or rejected at a state (0-based, as ITF numbers them). A
 * rejection at state 0 is Init or TypeOK failing there; at state k > 0, either state k fails TypeOK or the step
 * from state k - 1 is not a step of PBFT's Next. For a step, {@code action} is the action the step looks like
 * (from what changed), {@code params} its parameters, and {@code reason} the first of its conditions that
 * fails; {@code action} is "none" when no action changes what the step changed (two replicas at once, a
 * message that disappears).
 *
 * @param file       the ITF file
 * @param states     how many states the trace has
 * @param rejectedAt the state rejected, 0-based; -1 when accepted
 * @param action     "Init", "TypeOK", an action of PBFT.tla, or "none"; empty when accepted
 * @param params     the action's parameters as a JSON object (empty for Init, TypeOK and none)
 * @param reason     why, in ITFPBFT.tla's words; empty when accepted
 * @param change     what the rejected step changed, per variable (empty for state 0)
 * @param lastState  the last state that matched (state rejectedAt - 1), TLA+ text per variable; empty if none
 * @param peakHeapBytes the most heap TLC's JVM had used when it reached the verdict, garbage included (as in
 *                   {@link Verdict}; not part of the text or JSON)
 * @param retainedHeapBytes the most heap TLC's JVM had in use right after a garbage collection, when it reached
 *                   the verdict (as in {@link Verdict}; not part of the text or JSON)
 */
public record ItfVerdict(Path file, int states, int rejectedAt, String action, JsonNode params, String reason,
                         Map<String, String> change, Map<String, String> lastState, long peakHeapBytes,
                         long retainedHeapBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean accepted() {
        return rejectedAt < 0;
    }

    /** The action with its parameters, as in {@code SendPrepare(r = 2, v = 0, n = 1, d = "a")}. */
    public String actionCall() {
        if (action.equals("none")) {
            return "no action of PBFT.tla";
        }
        if (params == null || !params.isObject() || params.isEmpty()) {
            return action;
        }
        StringBuilder sb = new StringBuilder(action).append('(');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            sb.append(first ? "" : ", ").append(p.getKey()).append(" = ").append(p.getValue());
            first = false;
        }
        return sb.append(')').toString();
    }

    public String text() {
        if (accepted()) {
            return "accepted: " + file.getFileName() + " (" + states + " state" + (states == 1 ? "" : "s")
                    + ") is a behaviour of PBFT.tla: Init holds in state 0, TypeOK in every state, every step is a Next step";
        }
        StringBuilder sb = new StringBuilder("rejected at state ").append(rejectedAt).append(" (")
                .append(file.getFileName()).append("): ").append(actionCall()).append(": ").append(reason);
        if (rejectedAt > 0 && !action.equals("TypeOK")) {
            sb.append("\n  the step from state ").append(rejectedAt - 1).append(" to state ").append(rejectedAt)
                    .append(" is no step of PBFT's Next; it changes:");
            change.forEach((var, what) -> sb.append("\n    ").append(var).append(": ").append(what));
        }
        if (rejectedAt > 0) {
            sb.append("\n  the last state that matched (state ").append(rejectedAt - 1).append("):");
            lastState.forEach((var, value) -> sb.append("\n    ").append(var).append(" = ").append(value));
        }
        return sb.toString();
    }

    public ObjectNode json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("verdict", accepted() ? "accepted" : "rejected");
        o.put("file", file.toString());
        o.put("states", states);
        if (!accepted()) {
            o.put("state", rejectedAt);
            o.put("action", action);
            o.set("params", params == null ? JSON.createObjectNode() : params);
            o.put("reason", reason);
            ObjectNode c = o.putObject("change");
            change.forEach(c::put);
            ObjectNode last = o.putObject("lastState");
            lastState.forEach(last::put);
        }
        return o;
    }
}
