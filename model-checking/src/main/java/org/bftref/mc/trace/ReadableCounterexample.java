package org.bftref.mc.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A counterexample as {@link CounterexamplePrinter} describes it, as data: the initial state's variables, then for
 * each step what changed, grouped the way the printer groups it (per replica: its state changes and the messages it
 * sends; then other variables; then messages sent without a sender; then messages lost). Values are in the printer's
 * short form ({@code PREPARE(v=0, n=1, d=a)}, {@code (1: 0, 2: 0)}).
 *
 * <p>{@link #text()} is the printed form, the numbered steps of {@code target/counterexamples/<model>.txt}, and
 * {@link #parse} reads that form back. Both live here, next to each other, so that anything reading a counterexample
 * (the report's sequence diagrams) uses this structure and never the wording; a change of wording that the parser
 * does not follow fails this module's round-trip test instead of silently spoiling a diagram. The parser also reads
 * files written before this class existed: the text is the same.
 *
 * @param states      the states in order: the first is {@link Initial}, the others {@link Step}s (TLC numbers them
 *                    from 1)
 * @param loopsBackTo for a liveness lasso, the number of the state the behaviour loops back to; 0 otherwise
 * @param stutters    whether the behaviour ends by stuttering forever (a liveness counterexample)
 * @param last        the last state's variables, printed in full after the steps when there is more than one state;
 *                    empty otherwise
 */
public record ReadableCounterexample(List<State> states, int loopsBackTo, boolean stutters, Map<String, String> last) {

    public ReadableCounterexample {
        states = List.copyOf(states);
        last = Collections.unmodifiableMap(new LinkedHashMap<>(last));
    }

    /** A numbered state. */
    public sealed interface State permits Initial, Step {
        int number();
    }

    /** A state printed in full: the initial one. */
    public record Initial(int number, Map<String, String> variables) implements State {
        public Initial {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    /**
     * A step: the state reached by {@code action}, described by what changed.
     *
     * @param replicas per replica, its changes and what it sent, in the order the printer met them
     * @param changes  variables that are not per-replica functions (or entries of functions of other keys)
     * @param sent     new messages that name no sender (a client request, a faulty replica's message)
     * @param lost     messages no longer in the message set, in the printer's short form
     */
    public record Step(int number, String action, List<ReplicaStep> replicas, List<Change> changes,
                       List<Message> sent, List<String> lost) implements State {
        public Step {
            replicas = List.copyOf(replicas);
            changes = List.copyOf(changes);
            sent = List.copyOf(sent);
            lost = List.copyOf(lost);
        }

        /** The printed description: what follows {@code "k. Action — "}. */
        public String description() {
            List<String> clauses = new ArrayList<>();
            for (ReplicaStep r : replicas) {
                clauses.add(r.text());
            }
            for (Change c : changes) {
                clauses.add(c.text());
            }
            if (!sent.isEmpty()) {
                clauses.add(SENT + String.join(", ", sent.stream().map(Message::text).toList()));
            }
            if (!lost.isEmpty()) {
                clauses.add(lostText());
            }
            return clauses.isEmpty() ? NOTHING_CHANGED : String.join("; ", clauses);
        }

        /** The messages lost, as printed ({@code msgs lost ...}); empty if none. */
        public String lostText() {
            return lost.isEmpty() ? "" : LOST + String.join(", ", lost);
        }
    }

    /**
     * One replica's part of a step.
     *
     * @param replica the replica id as printed ({@code 2}, or a model value such as {@code r1})
     * @param changes its per-replica variables that changed ({@link Change#key()} is null: the key is the replica)
     * @param sends   the messages it sent, its own id left out of them
     */
    public record ReplicaStep(String replica, List<Change> changes, List<Message> sends) {
        public ReplicaStep {
            changes = List.copyOf(changes);
            sends = List.copyOf(sends);
        }

        /** As printed: {@code replica 1: view 0 -> 1, sends VIEW-CHANGE(...)}, or {@code replica 2 sends ...}. */
        public String text() {
            List<String> items = new ArrayList<>();
            for (Change c : changes) {
                items.add(c.variable() == null ? c.change() : c.variable() + " " + c.change());
            }
            for (Message m : sends) {
                items.add(SENDS + m.text());
            }
            return REPLICA + replica + (changes.isEmpty() ? " " : ": ") + String.join(", ", items);
        }
    }

    /**
     * A variable's change.
     *
     * @param variable the variable's name; null for text the parser could not take apart (kept as it was)
     * @param key      for an entry of a function that is not per replica, its key; null otherwise
     * @param change   {@code old -> new}, {@code +{added} -{removed}} for a large set, or {@code (new) value}
     */
    public record Change(String variable, String key, String change) {
        /** As printed among the other variables: {@code x: 0 -> 1}, {@code f[k]: 0 -> 1}. */
        public String text() {
            return variable == null ? change : variable + (key == null ? "" : "[" + key + "]") + ": " + change;
        }

        /** The value after the step, when the change is printed as {@code old -> new}; null otherwise. */
        public String after() {
            List<String> parts = split(change, " -> ");
            return parts.size() == 2 ? parts.get(1) : null;
        }
    }

    /**
     * A message sent.
     *
     * @param type   the message type in capitals ({@code PRE-PREPARE}); null when the value is not a message record
     * @param fields its fields in the printer's short form, in order, without the type (and without the sender when
     *               it is the replica the message is listed under)
     * @param text   the message as printed
     */
    public record Message(String type, Map<String, String> fields, String text) {
        public Message {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        static Message of(String text) {
            Matcher m = MESSAGE.matcher(text);
            if (!m.matches()) {
                return new Message(null, Map.of(), text);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            if (m.group(2) != null) {
                for (String part : split(m.group(2), ", ")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        fields.put(part.substring(0, eq), part.substring(eq + 1));
                    } else {
                        fields.put(part, "");
                    }
                }
            }
            return new Message(m.group(1), fields, text);
        }
    }

    /** Where {@link #parse} found what it could not read: a line (1-based), the part of the file, the problem. */
    public static final class FormatException extends Exception {
        private final int line;
        private final String field;
        private final String problem;

        public FormatException(int line, String field, String problem) {
            super((line > 0 ? "line " + line + ": " : "") + field + ": " + problem);
            this.line = line;
            this.field = field;
            this.problem = problem;
        }

        public int line() {
            return line;
        }

        public String field() {
            return field;
        }

        public String problem() {
            return problem;
        }
    }

    /** The counterexample read back, and the line of each state's numbered line (by state number). */
    public record Parsed(ReadableCounterexample counterexample, Map<Integer, Integer> lineOfState) {
    }

    // The printed form. Every word of it is here, used by text() and parse() alike.
    static final String INDENT = "     ";
    static final String INITIAL = "Initial state";
    static final String DASH = " \u2014 ";
    static final String LOOP_START = "   <- the loop starts here";
    static final String NOTHING_CHANGED = "(no variable changed)";
    static final String REPLICA = "replica ";
    static final String SENDS = "sends ";
    static final String SENT = "sent ";
    static final String LOST = CounterexamplePrinter.MESSAGES + " lost ";
    private static final String BACK = "-> back to state ";
    private static final String BACK_END = ": the behaviour repeats from there forever";
    private static final String STUTTERS = "-> then stutters forever";
    private static final String STUTTERS_END = ": no further step is ever taken";

    private static final Pattern NUMBERED = Pattern.compile("(\\d+)\\. (.*?)(" + Pattern.quote(LOOP_START) + ")?");
    private static final Pattern STEP = Pattern.compile("(\\S+)" + DASH + "(.*)");
    private static final Pattern VARIABLE = Pattern.compile("\\s+(\\w+) = (.*)");
    private static final Pattern BACK_LINE = Pattern.compile(Pattern.quote(BACK) + "(\\d+): .*");
    private static final Pattern IN_FULL_LINE = Pattern.compile("State \\d+ in full:");
    private static final Pattern REPLICA_CLAUSE = Pattern.compile(REPLICA + "([^\\s:]+)(: | " + SENDS + ")(.*)");
    private static final Pattern OTHER_CHANGE = Pattern.compile("(\\w+)(\\[.*])?: (.*)");
    private static final Pattern ITEM_CHANGE = Pattern.compile("(\\w+) (.*)");
    private static final Pattern MESSAGE = Pattern.compile("([A-Z][A-Z0-9-]*)(?:\\((.*)\\))?");

    /** The numbered line of each state, as printed: {@code 1. Initial state}, {@code 2. Action — ...}. */
    public List<String> numberedLines() {
        List<String> lines = new ArrayList<>();
        for (State s : states) {
            lines.add(numberedLine(s));
        }
        return lines;
    }

    private String numberedLine(State s) {
        String line = s.number() + ". " + (s instanceof Step step ? step.action() + DASH + step.description() : INITIAL);
        return line + (loopsBackTo == s.number() ? LOOP_START : "");
    }

    /** The printed form: the numbered states, how a liveness counterexample ends, and the last state in full. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (State s : states) {
            out.append(numberedLine(s)).append('\n');
            if (s instanceof Initial initial) {
                initial.variables().forEach((name, value) -> out.append(INDENT).append(name).append(" = ").append(value).append('\n'));
            }
        }
        if (loopsBackTo > 0) {
            out.append(BACK).append(loopsBackTo).append(BACK_END).append('\n');
        }
        if (stutters) {
            out.append(STUTTERS).append(STUTTERS_END).append('\n');
        }
        if (states.size() > 1) {
            out.append("\nState ").append(states.get(states.size() - 1).number()).append(" in full:\n");
            last.forEach((name, value) -> out.append(INDENT).append(name).append(" = ").append(value).append('\n'));
        }
        return out.toString();
    }

    /**
     * Reads the printed form back.
     *
     * @param lines     the lines of a file
     * @param from      the index in {@code lines} where the numbered states begin
     */
    public static Parsed parse(List<String> lines, int from) throws FormatException {
        List<State> states = new ArrayList<>();
        Map<Integer, Integer> lineOf = new LinkedHashMap<>();
        Map<String, String> variables = null; // of the state being read in full
        Map<String, String> last = new LinkedHashMap<>();
        int expected = 1;
        int loopsBackTo = 0;
        boolean stutters = false;
        boolean inFull = false;
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            Matcher var = VARIABLE.matcher(line);
            if (inFull) {
                if (var.matches()) {
                    last.put(var.group(1), var.group(2));
                }
                continue;
            }
            if (IN_FULL_LINE.matcher(line).matches()) {
                inFull = true;
                continue;
            }
            if (var.matches()) {
                if (variables == null) {
                    throw new FormatException(lineNo, "state", "a variable line outside the initial state");
                }
                variables.put(var.group(1), var.group(2));
                continue;
            }
            Matcher back = BACK_LINE.matcher(line);
            if (back.matches()) {
                loopsBackTo = Integer.parseInt(back.group(1));
                continue;
            }
            if (line.startsWith(STUTTERS)) {
                stutters = true;
                continue;
            }
            Matcher state = NUMBERED.matcher(line);
            if (!state.matches()) {
                throw new FormatException(lineNo, "step", "expected \"k. Action" + DASH + "...\", got \"" + line + "\"");
            }
            int number;
            try {
                number = Integer.parseInt(state.group(1));
            } catch (NumberFormatException e) {
                throw new FormatException(lineNo, "step", "step number out of range");
            }
            if (number != expected) {
                throw new FormatException(lineNo, "step", "expected state " + expected + ", got " + number);
            }
            expected++;
            lineOf.put(number, lineNo);
            if (state.group(3) != null && loopsBackTo == 0) {
                loopsBackTo = number;
            }
            if (number == 1) {
                if (!state.group(2).equals(INITIAL)) {
                    throw new FormatException(lineNo, "step", "state 1 must be \"" + INITIAL + "\"");
                }
                variables = new LinkedHashMap<>();
                states.add(null); // the initial state, once its variables are read
                continue;
            }
            if (states.get(0) == null) {
                states.set(0, new Initial(1, variables));
            }
            variables = null;
            Matcher step = STEP.matcher(state.group(2));
            if (!step.matches()) {
                throw new FormatException(lineNo, "step", "expected \"Action" + DASH + "what changed\" after \"" + number + ". \"");
            }
            states.add(step(number, step.group(1), step.group(2)));
        }
        if (expected == 1) {
            throw new FormatException(0, "steps", "no numbered states (\"1. " + INITIAL + "\", ...)");
        }
        if (states.get(0) == null) {
            states.set(0, new Initial(1, variables));
        }
        return new Parsed(new ReadableCounterexample(states, loopsBackTo, stutters, last), lineOf);
    }

    /** A step's description taken apart; whatever does not fit a shape the printer writes is kept as it is. */
    private static Step step(int number, String action, String description) {
        List<ReplicaStep> replicas = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        List<Message> sent = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        if (description.equals(NOTHING_CHANGED)) {
            return new Step(number, action, replicas, changes, sent, lost);
        }
        for (String clause : split(description, "; ")) {
            Matcher replica = REPLICA_CLAUSE.matcher(clause);
            Matcher other = OTHER_CHANGE.matcher(clause);
            if (replica.matches() && changes.isEmpty() && sent.isEmpty() && lost.isEmpty()) {
                replicas.add(replicaStep(replica.group(1), replica.group(2).equals(": ")
                        ? replica.group(3) : SENDS + replica.group(3)));
            } else if (clause.startsWith(SENT) && lost.isEmpty()) {
                for (String m : split(clause.substring(SENT.length()), ", ")) {
                    sent.add(Message.of(m));
                }
            } else if (clause.startsWith(LOST)) {
                lost.addAll(split(clause.substring(LOST.length()), ", "));
            } else if (other.matches() && sent.isEmpty() && lost.isEmpty()) {
                String key = other.group(2) == null ? null : other.group(2).substring(1, other.group(2).length() - 1);
                changes.add(new Change(other.group(1), key, other.group(3)));
            } else {
                changes.add(new Change(null, null, clause));
            }
        }
        return new Step(number, action, replicas, changes, sent, lost);
    }

    private static ReplicaStep replicaStep(String replica, String items) {
        List<Change> changes = new ArrayList<>();
        List<Message> sends = new ArrayList<>();
        for (String item : split(items, ", ")) {
            Matcher change = ITEM_CHANGE.matcher(item);
            if (item.startsWith(SENDS)) {
                sends.add(Message.of(item.substring(SENDS.length())));
            } else if (change.matches() && sends.isEmpty()) {
                changes.add(new Change(change.group(1), null, change.group(2)));
            } else {
                changes.add(new Change(null, null, item));
            }
        }
        return new ReplicaStep(replica, changes, sends);
    }

    /**
     * Splits at {@code sep} where no bracket ( [ { or TLA+ tuple is open and not inside a quoted string: the values
     * of the printer's short form nest, and a string may hold anything.
     */
    public static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (s.startsWith("<<", i)) {
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
}
