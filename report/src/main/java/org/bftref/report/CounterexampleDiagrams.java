package org.bftref.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bftref.mc.trace.ReadableCounterexample;
import org.bftref.mc.trace.ReadableCounterexample.ReplicaStep;
import org.bftref.report.CounterexampleFile.Step;
import org.bftref.report.SequenceDiagram.Divider;
import org.bftref.report.SequenceDiagram.Element;
import org.bftref.report.SequenceDiagram.Event;
import org.bftref.report.SequenceDiagram.Highlight;
import org.bftref.report.SequenceDiagram.Message;
import org.bftref.report.SequenceDiagram.Note;
import org.bftref.report.SequenceDiagram.Participant;

/**
 * A TLC counterexample ({@link CounterexampleFile}) as a sequence diagram, drawn from the steps as data
 * (model-checking's {@link ReadableCounterexample}: what each replica changed and sent), never from their wording.
 * The messages are the records new in {@code msgs}: under the replica that sent them when the record names its
 * sender, or without a sender. A PRE-PREPARE or NEW-VIEW without a sender is the primary's, replica {@code v mod N};
 * another one is the sender of the step's only replica. Each message is a multicast to every other replica. A step
 * that sends nothing is a note: over its replica when it names one, across all lifelines otherwise (a client
 * request, a vote of the voting layer).
 *
 * <p>Who the replicas are comes from the model's config ({@code N} and {@code Byz}), found through the file's
 * header relative to the repository root. Without it they are inferred: the honest replicas are the domain of the
 * per-replica variables of the initial state, the others up to the largest id seen are faulty (a faulty replica
 * with the largest id then goes unseen, which the diagram says).
 *
 * <p>For an invariant, the last step is highlighted: TLC reports the first state that violates it.
 */
public final class CounterexampleDiagrams {

    private static final Pattern CONSTANT = Pattern.compile("\\s*(\\w+)\\s*=\\s*(.*?)\\s*");
    private static final Pattern FUNCTION_KEY = Pattern.compile("(?:^\\(|, )(\\d{1,9}): ");

    private CounterexampleDiagrams() {
    }

    /** The replicas of a model: ids {@code 0 .. n-1} and the faulty ones. */
    record Replicas(int n, Set<Integer> faulty, boolean fromConfig) {
    }

    public static SequenceDiagram diagram(CounterexampleFile cx) throws RenderException {
        Replicas replicas = replicas(cx);
        if (replicas.n() > Diagrams.MAX_REPLICAS) {
            throw new RenderException(cx.file(), 0, "replicas", replicas.n() + " replicas: more than "
                    + Diagrams.MAX_REPLICAS + " lifelines cannot be drawn readably");
        }
        List<Participant> participants = new ArrayList<>();
        for (int r = 0; r < replicas.n(); r++) {
            boolean faulty = replicas.faulty().contains(r);
            participants.add(new Participant(r, "replica " + r + (faulty ? " (Byzantine)" : ""), faulty));
        }
        List<Event> events = new ArrayList<>();
        Set<String> marked = new HashSet<>();
        for (Step step : cx.steps()) {
            events.add(event(step, replicas, marked, cx));
        }
        List<String> header = new ArrayList<>();
        header.add(cx.description());
        if (!replicas.fromConfig()) {
            header.add("replicas inferred from the counterexample (config " + cx.config() + " not found)");
        }
        List<String> footer = new ArrayList<>();
        if (cx.loopsBackTo() > 0) {
            footer.add("then back to state " + cx.loopsBackTo() + ": the behaviour repeats from there forever");
        }
        if (cx.stutters()) {
            footer.add("then stutters forever: no further step is ever taken");
        }
        Highlight highlight = null;
        if (cx.invariantViolation() && !cx.steps().isEmpty()) {
            Step last = cx.steps().get(cx.steps().size() - 1);
            highlight = new Highlight(last.number(), cx.violation().replaceFirst(" \\(\\d+ states?\\)$", "")
                    + " in state " + last.number());
        }
        return new SequenceDiagram("Counterexample " + cx.model() + ": " + cx.violation(), participants, events,
                highlight, header, footer, 0, 0);
    }

    private static Event event(Step fileStep, Replicas replicas, Set<String> marked, CounterexampleFile cx) {
        ReadableCounterexample.Step step = fileStep.step();
        List<Element> messages = new ArrayList<>();
        List<Element> notes = new ArrayList<>();
        List<String> unsent = new ArrayList<>();
        int stepReplica = -1;
        int replicaSteps = 0;
        int firstReplica = -1;
        for (ReplicaStep r : step.replicas()) {
            if (id(r.replica()) >= 0) {
                replicaSteps++;
                firstReplica = firstReplica < 0 ? id(r.replica()) : firstReplica;
            }
        }
        for (ReplicaStep rs : step.replicas()) {
            int r = id(rs.replica());
            if (r < 0) {
                unsent.add(rs.text()); // a replica that is not a number cannot be a lifeline
                continue;
            }
            stepReplica = r;
            for (ReadableCounterexample.Message m : rs.sends()) {
                message(r, m, replicas, messages, unsent);
            }
            if (!rs.changes().isEmpty()) {
                List<String> state = rs.changes().stream()
                        .map(c -> c.variable() == null ? c.change() : c.variable() + " " + c.change()).toList();
                notes.add(new Note(inRange(r, replicas) ? List.of(r) : List.of(),
                        step.action() + ": " + (inRange(r, replicas) ? "" : "replica " + r + ": ")
                                + String.join(", ", state)));
            }
        }
        for (ReadableCounterexample.Change c : step.changes()) {
            unsent.add(c.text());
        }
        for (ReadableCounterexample.Message m : step.sent()) {
            // Without a sender: a PRE-PREPARE or NEW-VIEW is the primary's; anything else is the step's replica's, if
            // the step names exactly one.
            int from = -1;
            String v = m.fields().get("v");
            if (("PRE-PREPARE".equals(m.type()) || "NEW-VIEW".equals(m.type())) && v != null && v.matches("\\d{1,9}")) {
                from = (int) (Long.parseLong(v) % Math.max(1, replicas.n()));
            } else if (replicaSteps == 1) {
                from = firstReplica;
            }
            if (from < 0 || m.type() == null) {
                unsent.add(m.text());
            } else {
                message(from, m, replicas, messages, unsent);
            }
        }
        if (!step.lost().isEmpty()) {
            unsent.add(step.lostText());
        }
        List<Element> els = new ArrayList<>();
        boolean viewChange = step.action().equals("SendViewChange");
        String view = view(step);
        if (viewChange && marked.add("vc" + view)) {
            els.add(new Divider("view change to view " + view + (stepReplica >= 0 ? " (R" + stepReplica + " first)" : "")));
        }
        if ((step.action().equals("SendNewView") || step.action().equals("AcceptNewView")) && marked.add("nv" + view)) {
            els.add(new Divider(view.isEmpty() ? "new view" : "view " + view + " begins"));
        }
        els.addAll(messages);
        // State changes are drawn only when the step sends nothing: the numbered steps beside the diagram say
        // everything, and a note per COMMIT would double the diagram's height.
        if (messages.isEmpty()) {
            els.addAll(notes);
        }
        if (!unsent.isEmpty()) {
            els.add(new Note(stepReplica >= 0 && inRange(stepReplica, replicas) ? List.of(stepReplica) : List.of(),
                    step.action() + ": " + String.join("; ", unsent)));
        }
        if (els.isEmpty()) {
            els.add(new Note(List.of(), step.action() + " (no variable changed)"));
        }
        return new Event(step.number(), stepReplica, cx.file().getFileName() + ":" + fileStep.line(), els, viewChange);
    }

    /** A message from {@code from}, multicast to every other replica; a note if it cannot be drawn. */
    private static void message(int from, ReadableCounterexample.Message m, Replicas replicas, List<Element> out, List<String> unsent) {
        if (m.type() == null || !inRange(from, replicas) || replicas.n() < 2) {
            unsent.add("R" + from + " sends " + m.text());
            return;
        }
        List<Integer> to = new ArrayList<>();
        for (int r = 0; r < replicas.n(); r++) {
            if (r != from) {
                to.add(r);
            }
        }
        List<String> parts = new ArrayList<>();
        m.fields().forEach((k, v) -> parts.add(k + "=" + v));
        out.add(new Message(from, to, m.type() + (parts.isEmpty() ? "" : " " + String.join(" ", parts))));
    }

    private static boolean inRange(int r, Replicas replicas) {
        return r >= 0 && r < replicas.n();
    }

    /** A replica id as a lifeline number, or -1 when it is not a (reasonably small) number. */
    private static int id(String replica) {
        return replica.matches("\\d{1,9}") ? Integer.parseInt(replica) : -1;
    }

    /**
     * The view a step is about: the {@code v} of the first message it sends, else the new value of a replica's
     * {@code view}; "" if neither.
     */
    private static String view(ReadableCounterexample.Step step) {
        List<ReadableCounterexample.Message> all = new ArrayList<>();
        step.replicas().forEach(r -> all.addAll(r.sends()));
        all.addAll(step.sent());
        for (ReadableCounterexample.Message m : all) {
            String v = m.fields().get("v");
            if (v != null && v.matches("\\d{1,9}")) {
                return v;
            }
        }
        List<ReadableCounterexample.Change> changes = new ArrayList<>();
        step.replicas().forEach(r -> changes.addAll(r.changes()));
        changes.addAll(step.changes());
        for (ReadableCounterexample.Change c : changes) {
            if ("view".equals(c.variable()) && c.after() != null && c.after().matches("\\d{1,9}")) {
                return c.after();
            }
        }
        return "";
    }

    /**
     * N and Byz from the model's config when it can be found (the counterexample names it relative to the
     * repository root: tried from the working directory, then from each directory above the file), else inferred.
     */
    static Replicas replicas(CounterexampleFile cx) {
        if (cx.config() != null) {
            List<Path> candidates = new ArrayList<>();
            candidates.add(Path.of(cx.config()));
            for (Path dir = cx.file().toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve(cx.config()));
            }
            for (Path c : candidates) {
                if (Files.isRegularFile(c)) {
                    Replicas r = fromConfig(c);
                    if (r != null) {
                        return r;
                    }
                }
            }
        }
        return inferred(cx);
    }

    private static Replicas fromConfig(Path config) {
        List<String> lines;
        try {
            lines = Files.readAllLines(config);
        } catch (IOException e) {
            return null;
        }
        Integer n = null;
        Set<Integer> byz = new TreeSet<>();
        for (String line : lines) {
            Matcher m = CONSTANT.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("N") && m.group(2).matches("\\d{1,4}")) {
                n = Integer.parseInt(m.group(2));
            } else if (m.group(1).equals("Byz") && m.group(2).matches("\\{[\\d, ]*}")) {
                for (String id : m.group(2).replaceAll("[{} ]", "").split(",")) {
                    if (!id.isEmpty()) {
                        byz.add(Integer.parseInt(id));
                    }
                }
            }
        }
        return n == null ? null : new Replicas(n, byz, true);
    }

    private static Replicas inferred(CounterexampleFile cx) {
        Set<Integer> honest = new TreeSet<>();
        for (String value : cx.initial().values()) {
            Matcher m = FUNCTION_KEY.matcher(value);
            boolean function = false;
            while (m.find()) {
                honest.add(Integer.parseInt(m.group(1)));
                function = true;
            }
            if (!function && value.startsWith("<<") && value.endsWith(">>") && value.length() > 4) {
                // The printer shows a function of 1..k as a tuple of k elements.
                int k = ReadableCounterexample.split(value.substring(2, value.length() - 2), ", ").size();
                for (int i = 1; i <= k; i++) {
                    honest.add(i);
                }
            }
        }
        int max = honest.isEmpty() ? -1 : ((TreeSet<Integer>) honest).last();
        for (Step step : cx.steps()) {
            for (ReplicaStep r : step.step().replicas()) {
                max = Math.max(max, id(r.replica()));
            }
        }
        Set<Integer> faulty = new TreeSet<>();
        if (!honest.isEmpty()) {
            for (int r = 0; r <= max; r++) {
                if (!honest.contains(r)) {
                    faulty.add(r);
                }
            }
        }
        return new Replicas(max + 1, faulty, false);
    }
}
