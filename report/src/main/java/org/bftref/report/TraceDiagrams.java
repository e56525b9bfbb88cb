package org.bftref.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.bftref.report.SequenceDiagram.Divider;
import org.bftref.report.SequenceDiagram.Element;
import org.bftref.report.SequenceDiagram.Event;
import org.bftref.report.SequenceDiagram.Highlight;
import org.bftref.report.SequenceDiagram.Message;
import org.bftref.report.SequenceDiagram.Note;
import org.bftref.report.SequenceDiagram.Participant;
import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceHeader;
import org.bftref.trace.format.TraceLine;

/**
 * A trace (trace-validation/FORMAT.md, version 1) as a sequence diagram. A trace logs steps, not messages; the
 * messages are those the format says each step sends:
 * <ul>
 *   <li>SendPrePrepare, SendPrepare, SendCommit, SendCheckpoint, SendViewChange, SendNewView: a multicast from the
 *       replica to every other one, faulty ones included (they receive; they just do not log);</li>
 *   <li>AcceptNewView: a note, and the PREPARE the backup multicasts for each pre-prepare of O above its stable
 *       checkpoint (the last {@code CheckpointStable} or {@code StateTransfer} it logged);</li>
 *   <li>Execute, CheckpointStable, StateTransfer, Restart: a note on the replica's lifeline.</li>
 * </ul>
 * A divider marks where a view change starts (the first VIEW-CHANGE for a view) and where the new view begins (the
 * first NEW-VIEW sent or accepted for it). Digests are shown by their first {@value #DIGEST_CHARS} hex digits, the
 * null request's as {@code null}.
 */
public final class TraceDiagrams {

    /** Eight hex digits tell a run's few batches apart, and keep an arrow's label short. */
    public static final int DIGEST_CHARS = 8;

    private TraceDiagrams() {
    }

    /**
     * The whole trace as a diagram (no window applied).
     *
     * @param verdict     the validator's verdict on this trace, or null; a rejected event is highlighted
     * @param verdictFile where the verdict was read from, for errors; may be null
     * @throws RenderException if the verdict names an event the trace does not have, or one of another action or
     *                         replica (it is then a verdict on some other trace)
     */
    public static SequenceDiagram diagram(Trace trace, ValidationVerdict verdict, Path verdictFile)
            throws RenderException {
        TraceHeader h = trace.header();
        if (h.n() > Diagrams.MAX_REPLICAS) {
            throw new RenderException(trace.files().isEmpty() ? null : trace.files().get(0), 1, "header.n",
                    h.n() + " replicas: more than " + Diagrams.MAX_REPLICAS + " lifelines cannot be drawn readably");
        }
        List<Participant> participants = new ArrayList<>();
        for (int r : h.replicas()) {
            boolean faulty = h.faulty().contains(r);
            participants.add(new Participant(r, "replica " + r + (faulty ? " (Byzantine)" : ""), faulty));
        }
        Builder b = new Builder(h);
        List<Event> events = new ArrayList<>();
        int number = 0;
        for (TraceLine line : trace.events()) {
            number++;
            events.add(b.event(number, line));
        }
        Highlight highlight = null;
        List<String> header = new ArrayList<>();
        header.add("n=" + h.n() + ", f=" + h.f() + ", faulty " + h.faulty() + " (faulty replicas do not log)"
                + (h.source() == null ? "" : "; " + h.source()));
        if (verdict != null) {
            if (verdict.accepted()) {
                if (verdict.events() != events.size()) {
                    throw new RenderException(verdictFile, 1, "events", "the verdict is on a trace of "
                            + verdict.events() + " events, this trace has " + events.size());
                }
                header.add("validated against TracePBFT.tla: " + verdict.summary());
            } else {
                check(verdict, trace, verdictFile);
                highlight = new Highlight(verdict.rejectedAt(), verdict.summary());
            }
        }
        String files = trace.files().isEmpty() ? "trace" : trace.files().get(0).getFileName().toString()
                + (trace.files().size() > 1 ? " and " + (trace.files().size() - 1) + " more" : "");
        return new SequenceDiagram("Trace " + files + ": " + events.size() + " event" + (events.size() == 1 ? "" : "s"),
                participants, events, highlight, header, List.of(), 0, 0);
    }

    private static void check(ValidationVerdict v, Trace trace, Path verdictFile) throws RenderException {
        if (v.rejectedAt() > trace.events().size()) {
            throw new RenderException(verdictFile, 1, "event", "the verdict rejects event " + v.rejectedAt()
                    + ", but the trace has " + trace.events().size() + " events");
        }
        TraceLine e = trace.events().get(v.rejectedAt() - 1);
        if (!e.action().equals(v.action()) || e.replica() != v.replica()) {
            throw new RenderException(verdictFile, 1, "event", "the verdict rejects event " + v.rejectedAt() + " as "
                    + v.action() + " by replica " + v.replica() + ", but the trace's event " + v.rejectedAt()
                    + " is " + e.action() + " by replica " + e.replica() + ": a verdict on another trace?");
        }
    }

    /** Per-replica memory the drawing needs: stable checkpoints, and which views already have a divider. */
    private static final class Builder {
        private final TraceHeader header;
        private final Map<Integer, Long> stable = new HashMap<>();
        private final Set<Long> viewChangeMarked = new HashSet<>();
        private final Set<Long> newViewMarked = new HashSet<>();

        Builder(TraceHeader header) {
            this.header = header;
        }

        Event event(int number, TraceLine line) {
            JsonNode j = line.json();
            int r = line.replica();
            List<Element> els = new ArrayList<>();
            boolean viewChange = false;
            switch (line.action()) {
                case "SendPrePrepare":
                    els.add(multicast(r, "PRE-PREPARE " + vnd(j)));
                    break;
                case "SendPrepare":
                    els.add(multicast(r, "PREPARE " + vnd(j)));
                    break;
                case "SendCommit":
                    els.add(multicast(r, "COMMIT " + vnd(j)));
                    break;
                case "SendCheckpoint":
                    els.add(multicast(r, "CHECKPOINT n=" + j.get("n").asLong() + " state=" + digest(j.get("state"))));
                    break;
                case "SendViewChange": {
                    long v = j.get("v").asLong();
                    viewChange = true;
                    if (viewChangeMarked.add(v)) {
                        els.add(new Divider("view change to view " + v + " (R" + r + " first)"));
                    }
                    els.add(multicast(r, "VIEW-CHANGE v=" + v + " h=" + j.get("h").asLong() + " P=" + certs(j.get("P"))));
                    break;
                }
                case "SendNewView": {
                    long v = j.get("v").asLong();
                    if (newViewMarked.add(v)) {
                        els.add(new Divider("view " + v + " begins: NEW-VIEW from R" + r));
                    }
                    els.add(multicast(r, "NEW-VIEW v=" + v + " V from " + senders(j.get("V")) + " O=" + os(j.get("O"))));
                    break;
                }
                case "AcceptNewView": {
                    long v = j.get("v").asLong();
                    if (newViewMarked.add(v)) {
                        els.add(new Divider("view " + v + " begins: R" + r + " accepts NEW-VIEW"));
                    }
                    els.add(new Note(List.of(r), "AcceptNewView: enters view " + v + ", O=" + os(j.get("O"))));
                    long h = stable.getOrDefault(r, 0L);
                    for (JsonNode o : j.get("O")) {
                        if (o.get("n").asLong() > h) {
                            els.add(multicast(r, "PREPARE v=" + v + " n=" + o.get("n").asLong() + " d=" + digest(o.get("d"))));
                        }
                    }
                    break;
                }
                case "Execute":
                    els.add(new Note(List.of(r), "Execute " + vnd(j) + " (COMMITs from " + ids(j.get("commits")) + ")"));
                    break;
                case "CheckpointStable":
                    stable.put(r, j.get("n").asLong());
                    els.add(new Note(List.of(r), "CheckpointStable n=" + j.get("n").asLong() + " state="
                            + digest(j.get("state")) + " (proof " + ids(j.get("proof")) + ")"));
                    break;
                case "StateTransfer":
                    stable.merge(r, j.get("h").asLong(), Math::max);
                    els.add(new Note(List.of(r), "StateTransfer: adopts the state at n=" + j.get("n").asLong()
                            + " (stable at h=" + j.get("h").asLong() + ")"));
                    break;
                case "Restart":
                    els.add(new Note(List.of(r), "Restart from storage: view " + j.get("v").asLong()
                            + ", state up to n=" + j.get("n").asLong()));
                    break;
                default:
                    // The reader accepts only the 11 actions of FORMAT.md, so this is a newer format than this code.
                    els.add(new Note(List.of(r), line.action()));
            }
            return new Event(number, r, line.file().getFileName() + ":" + line.line(), els, viewChange);
        }

        private Message multicast(int from, String label) {
            List<Integer> to = new ArrayList<>(header.replicas());
            to.remove(Integer.valueOf(from));
            return new Message(from, to, label);
        }

        private String vnd(JsonNode j) {
            return "v=" + j.get("v").asLong() + " n=" + j.get("n").asLong() + " d=" + digest(j.get("d"));
        }

        private String digest(JsonNode d) {
            String hex = d.asText();
            if (hex.equals(header.nullDigest())) {
                return "null";
            }
            return hex.length() <= DIGEST_CHARS ? hex : hex.substring(0, DIGEST_CHARS);
        }

        /** P as sequence numbers with the view and digest of each certificate, e.g. {@code {1:v0/ab12cd34}}. */
        private String certs(JsonNode p) {
            java.util.TreeMap<Long, String> parts = new java.util.TreeMap<>();
            for (JsonNode c : p) {
                parts.put(c.get("n").asLong(), c.get("n").asLong() + ":v" + c.get("v").asLong() + "/" + digest(c.get("d")));
            }
            return shortSet(new ArrayList<>(parts.values()));
        }

        private String os(JsonNode o) {
            java.util.TreeMap<Long, String> parts = new java.util.TreeMap<>();
            for (JsonNode e : o) {
                parts.put(e.get("n").asLong(), e.get("n").asLong() + ":" + digest(e.get("d")));
            }
            return shortSet(new ArrayList<>(parts.values()));
        }

        private static String senders(JsonNode v) {
            List<Integer> ids = new ArrayList<>();
            for (JsonNode e : v) {
                ids.add(e.get("r").asInt());
            }
            ids.sort(null);
            return "{" + PlantUmlWriter.join(ids) + "}";
        }

        private static String ids(JsonNode set) {
            List<Integer> ids = new ArrayList<>();
            for (JsonNode e : set) {
                ids.add(e.asInt());
            }
            ids.sort(null);
            return "{" + PlantUmlWriter.join(ids) + "}";
        }

        /** Up to three entries in full (in order of n); a longer set as its first three and how many more. */
        private static String shortSet(List<String> parts) {
            if (parts.size() <= 3) {
                return "{" + String.join(", ", parts) + "}";
            }
            return "{" + String.join(", ", parts.subList(0, 3)) + ", +" + (parts.size() - 3) + "}";
        }
    }
}
