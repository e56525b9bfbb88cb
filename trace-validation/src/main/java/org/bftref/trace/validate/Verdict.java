package org.bftref.trace.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.trace.format.TraceLine;

/**
 * What TLC decided about one trace: accepted, or rejected at an event (1-based, counting events, not lines),
 * with the action the event claimed, the first of that action's checks that failed, and the last state that
 * matched (the state before the event).
 *
 * @param events     how many events the trace has
 * @param rejectedAt the event rejected, 1-based; 0 when accepted
 * @param event      the rejected event as read (file, line, JSON); null when accepted
 * @param reason     the failed check of the action, in TracePBFT.tla's words; empty when accepted
 * @param lastState  the state after the last event that matched (views, stable checkpoints, ...), as JSON
 * @param peakHeapBytes the most heap TLC's JVM had used when it reached this verdict, garbage included (for the
 *                      benchmark)
 * @param retainedHeapBytes the most heap TLC's JVM had in use right after a garbage collection, when it reached
 *                      this verdict: what it kept (for the benchmark)
 */
public record Verdict(boolean accepted, int events, int rejectedAt, TraceLine event, String reason, JsonNode lastState,
                      long peakHeapBytes, long retainedHeapBytes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line for accepted; for rejected, the event, the expected action and reason, and the last state. */
    public String text() {
        if (accepted) {
            return "accepted: " + events + " event" + (events == 1 ? "" : "s") + " match the spec";
        }
        return "rejected at event " + rejectedAt + " (" + event.file().getFileName() + ":" + event.line() + "): "
                + event.action() + ": " + reason + "\n"
                + "  event: " + event.json() + "\n"
                + "  the event claims " + event.action() + " by replica " + event.replica()
                + ", whose guard does not hold in the last state that matched (after event " + (rejectedAt - 1) + "):\n"
                + "  " + lastState;
    }

    public ObjectNode json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("verdict", accepted ? "accepted" : "rejected");
        o.put("events", events);
        if (!accepted) {
            o.put("event", rejectedAt);
            o.put("file", event.file().toString());
            o.put("line", event.line());
            o.put("action", event.action());
            o.put("replica", event.replica());
            o.put("reason", reason);
            o.set("eventJson", event.json());
            o.set("lastState", lastState);
        }
        return o;
    }
}
