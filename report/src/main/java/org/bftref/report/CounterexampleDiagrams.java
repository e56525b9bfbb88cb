package org.bftref.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bftref.report.CounterexampleFile.Step;
import org.bftref.report.SequenceDiagram.Divider;
import org.bftref.report.SequenceDiagram.Element;
import org.bftref.report.SequenceDiagram.Event;
import org.bftref.report.SequenceDiagram.Highlight;
import org.bftref.report.SequenceDiagram.Message;
import org.bftref.report.SequenceDiagram.Note;
import org.bftref.report.SequenceDiagram.Participant;

/**
 * A TLC counterexample ({@link CounterexampleFile}) as a sequence diagram. The printer describes each step by what
 * changed; the messages are the records new in {@code msgs}, which it prints as {@code replica R sends
 * TYPE(k=v, ...)} when the record names its sender, and as {@code sent TYPE(...)} when it does not. A PRE-PREPARE or
 * NEW-VIEW without a sender is the primary's, replica {@code v mod N}; another one is the sender of the step's only
 * replica clause. Each message is a multicast to every other replica. A step that sends nothing is a note: over its
 * replica when it names one, across all lifelines otherwise (a client request, a vote of the voting layer).
 *
 * <p>Who the replicas are comes from the model's config ({@code N} and {@code Byz}), found through the file's
 * header relative to the repository root. Without it they are inferred: the honest replicas are the domain of the
 * per-replica variables of the initial state, the others up to the largest id seen are faulty (a faulty replica
 * with the largest id then goes unseen, which the diagram says).
 *
 * <p>For an invariant, the last step is highlighted: TLC reports the first state that violates it.
 */
public final class CounterexampleDiagrams {

    private static final Pattern SENDS = Pattern.compile("replica (\\d{1,9}) sends (.*)");
    private static final Pattern CHANGES = Pattern.compile("replica (\\d{1,9}): (.*)");
    private static final Pattern SENT = Pattern.compile("sent (.*)");
    private static final Pattern MESSAGE = Pattern.compile("([A-Z][A-Z-]*)\\((.*)\\)");
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

    private static Event event(Step step, Replicas replicas, Set<String> marked, CounterexampleFile cx) {
        List<String> clauses = split(step.text(), "; ");
        List<Element> messages = new ArrayList<>();
        List<Element> notes = new ArrayList<>();
        int stepReplica = -1;
        int replicaClauses = 0;
        for (String clause : clauses) {
            if (CHANGES.matcher(clause).matches() || SENDS.matcher(clause).matches()) {
                replicaClauses++;
            }
        }
        List<String> unsent = new ArrayList<>();
        for (String clause : clauses) {
            Matcher sends = SENDS.matcher(clause);
            Matcher changes = CHANGES.matcher(clause);
            Matcher sent = SENT.matcher(clause);
            if (sends.matches()) {
                int r = Integer.parseInt(sends.group(1));
                stepReplica = r;
                messages(r, sends.group(2), replicas, messages, unsent);
            } else if (changes.matches()) {
                int r = Integer.parseInt(changes.group(1));
                stepReplica = r;
                List<String> state = new ArrayList<>();
                for (String item : split(changes.group(2), ", ")) {
                    if (item.startsWith("sends ")) {
                        messages(r, item.substring("sends ".length()), replicas, messages, unsent);
                    } else {
                        state.add(item);
                    }
                }
                if (!state.isEmpty()) {
                    notes.add(new Note(inRange(r, replicas) ? List.of(r) : List.of(),
                            step.action() + ": " + (inRange(r, replicas) ? "" : "replica " + r + ": ")
                                    + String.join(", ", state)));
                }
            } else if (sent.matches()) {
                for (String m : split(sent.group(1), ", ")) {
                    Matcher mm = MESSAGE.matcher(m);
                    Map<String, String> params = mm.matches() ? params(mm.group(2)) : Map.of();
                    int from = -1;
                    if (mm.matches() && (mm.group(1).equals("PRE-PREPARE") || mm.group(1).equals("NEW-VIEW"))
                            && params.containsKey("v") && params.get("v").matches("\\d{1,9}")) {
                        from = (int) (Long.parseLong(params.get("v")) % Math.max(1, replicas.n()));
                    } else if (replicaClauses == 1) {
                        from = replicaOf(clauses);
                    }
                    if (from < 0 || !mm.matches()) {
                        unsent.add(m);
                    } else {
                        messages(from, m, replicas, messages, unsent);
                    }
                }
            } else {
                unsent.add(clause);
            }
        }
        List<Element> els = new ArrayList<>();
        boolean viewChange = step.action().equals("SendViewChange");
        String view = firstParam(step.text(), "v");
        if (view.isEmpty()) {
            Matcher to = Pattern.compile("view \\d+ -> (\\d+)").matcher(step.text());
            view = to.find() ? to.group(1) : "";
        }
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
        return new Event(step.number(), stepReplica, cx.file().getFileName() + ":" + step.line(), els, viewChange);
    }

    private static void messages(int from, String text, Replicas replicas, List<Element> out, List<String> unsent) {
        for (String m : split(text, ", ")) {
            Matcher mm = MESSAGE.matcher(m);
            if (!mm.matches() || !inRange(from, replicas) || replicas.n() < 2) {
                unsent.add("R" + from + " sends " + m);
                continue;
            }
            List<Integer> to = new ArrayList<>();
            for (int r = 0; r < replicas.n(); r++) {
                if (r != from) {
                    to.add(r);
                }
            }
            List<String> parts = new ArrayList<>();
            params(mm.group(2)).forEach((k, v) -> parts.add(k + "=" + v));
            out.add(new Message(from, to, mm.group(1) + " " + String.join(" ", parts)));
        }
    }

    private static boolean inRange(int r, Replicas replicas) {
        return r >= 0 && r < replicas.n();
    }

    private static int replicaOf(List<String> clauses) {
        for (String c : clauses) {
            Matcher m = CHANGES.matcher(c);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
            m = SENDS.matcher(c);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    /** The first {@code key=value} of a message in the step, e.g. the view of a VIEW-CHANGE; "" if none. */
    private static String firstParam(String text, String key) {
        Matcher m = Pattern.compile("[(,] ?" + key + "=(\\d{1,9})").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /** {@code v=0, n=1, P={n=1: (v=0, d=a)}} as its top-level fields, in order. */
    static Map<String, String> params(String inside) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : split(inside, ", ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq), part.substring(eq + 1));
            } else {
                params.put(part, "");
            }
        }
        return params;
    }

    /** Splits at {@code sep} where no bracket ( [ { or TLA+ tuple is open. */
    static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (s.startsWith("<<", i)) {
                depth++;
                i++;
            } else if (s.startsWith(">>", i) && depth > 0) {
                depth--;
                i++;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (depth == 0 && s.startsWith(sep, i)) {
                parts.add(s.substring(start, i));
                start = i + sep.length();
                i = start - 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
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
                int k = split(value.substring(2, value.length() - 2), ", ").size();
                for (int i = 1; i <= k; i++) {
                    honest.add(i);
                }
            }
        }
        int max = honest.isEmpty() ? -1 : ((TreeSet<Integer>) honest).last();
        Matcher ids = Pattern.compile("replica (\\d{1,9})").matcher(
                String.join("\n", cx.steps().stream().map(Step::text).toList()));
        while (ids.find()) {
            max = Math.max(max, Integer.parseInt(ids.group(1)));
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
