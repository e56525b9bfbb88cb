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

    /**
     * The keys of {@link #json()}, which is what {@code bftref validate --json} prints: anything that reads a verdict
     * back (the report's diagrams) uses these, so the two cannot drift apart.
     */
    public static final String KEY_VERDICT = "verdict";
    public static final String KEY_EVENTS = "events";
    public static final String KEY_EVENT = "event";
    public static final String KEY_FILE = "file";
    public static final String KEY_LINE = "line";
    public static final String KEY_ACTION = "action";
    public static final String KEY_REPLICA = "replica";
    public static final String KEY_REASON = "reason";
    /** The values of {@link #KEY_VERDICT}. */
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    /**
     * The verdict in one line, the first of {@link #text()}: "accepted: 67 events match the spec", or
     * "rejected at event 19 (out.ndjson:20): Execute: reason". Static so that a verdict read back from its JSON is
     * worded the same way.
     *
     * @param file the file of the rejected event (only its name is shown), or null to leave out where it is
     */
    public static String summary(boolean accepted, int events, int rejectedAt, java.nio.file.Path file, int line,
                                 String action, String reason) {
        if (accepted) {
            return ACCEPTED + ": " + events + " event" + (events == 1 ? "" : "s") + " match the spec";
        }
        String where = file == null ? "" : " (" + file.getFileName() + ":" + line + ")";
        return REJECTED + " at event " + rejectedAt + where + ": " + action + ": " + reason;
    }

    /** One line for accepted; for rejected, the event, the expected action and reason, and the last state. */
    public String text() {
        if (accepted) {
            return summary(true, events, 0, null, 0, null, null);
        }
        return summary(false, events, rejectedAt, event.file(), event.line(), event.action(), reason) + "\n"
                + "  event: " + event.json() + "\n"
                + "  the event claims " + event.action() + " by replica " + event.replica()
                + ", whose guard does not hold in the last state that matched (after event " + (rejectedAt - 1) + "):\n"
                + "  " + lastState;
    }

    public ObjectNode json() {
        ObjectNode o = JSON.createObjectNode();
        o.put(KEY_VERDICT, accepted ? ACCEPTED : REJECTED);
        o.put(KEY_EVENTS, events);
        if (!accepted) {
            o.put(KEY_EVENT, rejectedAt);
            o.put(KEY_FILE, event.file().toString());
            o.put(KEY_LINE, event.line());
            o.put(KEY_ACTION, event.action());
            o.put(KEY_REPLICA, event.replica());
            o.put(KEY_REASON, reason);
            o.set("eventJson", event.json());
            o.set("lastState", lastState);
        }
        return o;
    }
}
