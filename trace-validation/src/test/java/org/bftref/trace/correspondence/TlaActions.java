package org.bftref.trace.correspondence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the action names of a TLA+ module: a small extractor for the two shapes this project's specs use, not a
 * TLA+ parser. It fails (returns findings) on any other shape rather than guessing, so that a spec edit it does not
 * understand stops the check instead of silently dropping an action.
 *
 * <ul>
 *   <li>{@link #nextDisjuncts}: the actions of a protocol spec are the disjuncts of its {@code Next}. Each
 *       disjunct is {@code [\E bindings :]... Action(args)}, or only quantifiers whose body is a nested list of
 *       such disjuncts (PBFT.tla's {@code \E r \in Honest :} block). A disjunct is found at each {@code \/}, and
 *       the text before the first one counts too ({@code Next == Step \/ Done}).</li>
 *   <li>{@link #dispatchedActions}: the actions of the trace spec are the arms of its dispatching {@code CASE}
 *       ({@code Apply(e) == CASE e.action = "Name" -> Name(e) [] ...}): the string is the trace event name, the
 *       operator the action it runs. The two must be equal, because the project uses one name per step
 *       everywhere (design.md, Naming).</li>
 * </ul>
 *
 * <p>A definition is a line that starts at column 0 with {@code Name ==} or {@code Name(params) ==}; its body runs
 * to the next line that starts at column 0. Comments ({@code (* *)}, nested, and {@code \*}) are blanked out first,
 * keeping line numbers; a comment opener inside a string literal is not one. Each action's reported
 * line is the line of its own definition in the same module.
 */
final class TlaActions {

    /** An action: its name and the line of its definition. */
    record Action(String name, Source source, int line) {
    }

    /** The actions in the order the spec lists them, and what could not be read. */
    record Result(List<Action> actions, List<Finding> problems) {
    }

    private static final Pattern QUANTIFIER = Pattern.compile("\\A\\\\[EA]\\s+[^:]+:\\s*");
    private static final Pattern APPLICATION = Pattern.compile("\\A([A-Za-z_][A-Za-z0-9_]*)\\s*(\\(.*\\))?\\s*\\z",
            Pattern.DOTALL);
    private static final Pattern CASE_ARM = Pattern.compile(
            "\\.action\\s*=\\s*\"([^\"]*)\"\\s*->\\s*([A-Za-z_][A-Za-z0-9_]*)");

    private TlaActions() {
    }

    /** The actions named by the disjuncts of {@code operator} (normally "Next") in {@code module}. */
    static Result nextDisjuncts(Source module, String operator) {
        List<Finding> problems = new ArrayList<>();
        String code = blankComments(module.text());
        Body body = body(code, operator);
        if (body == null) {
            problems.add(new Finding(module.path(), 1, "no definition \"" + operator + " ==\" at the start of a line"));
            return new Result(List.of(), problems);
        }
        Map<String, Action> actions = new LinkedHashMap<>();
        List<int[]> segments = new ArrayList<>(); // [start, end) in code, each one disjunct
        int from = body.start;
        int at = code.indexOf("\\/", from);
        while (at >= 0 && at < body.end) {
            segments.add(new int[] {from, at});
            from = at + 2;
            at = code.indexOf("\\/", from);
        }
        segments.add(new int[] {from, body.end});
        for (int[] s : segments) {
            String text = code.substring(s[0], s[1]).strip();
            Matcher q = QUANTIFIER.matcher(text);
            while (q.find()) {
                text = text.substring(q.end());
                q = QUANTIFIER.matcher(text);
            }
            if (text.isEmpty()) {
                continue; // only quantifiers: the nested disjuncts that follow are its body
            }
            String raw = code.substring(s[0], s[1]);
            int line = lineOf(code, s[0] + (raw.length() - raw.stripLeading().length()));
            Matcher m = APPLICATION.matcher(text);
            if (!m.matches() || (m.group(2) != null && !balancedOuter(m.group(2)))) {
                problems.add(new Finding(module.path(), line, operator + "'s disjunct is not \"[\\E ... :] Action(args)\": "
                        + oneLine(text)));
                continue;
            }
            String name = m.group(1);
            Integer defined = definitionLine(code, name);
            if (defined == null) {
                problems.add(new Finding(module.path(), line, operator + " names " + name
                        + ", which this module does not define at the start of a line"));
            } else {
                actions.putIfAbsent(name, new Action(name, module, defined));
            }
        }
        if (actions.isEmpty() && problems.isEmpty()) {
            problems.add(new Finding(module.path(), body.line, operator + " names no action"));
        }
        return new Result(List.copyOf(actions.values()), problems);
    }

    /** The actions dispatched by the CASE arms of {@code operator} (normally "Apply") in {@code module}. */
    static Result dispatchedActions(Source module, String operator) {
        List<Finding> problems = new ArrayList<>();
        String code = blankComments(module.text());
        Body body = body(code, operator);
        if (body == null) {
            problems.add(new Finding(module.path(), 1, "no definition \"" + operator + "(...) ==\" at the start of a line"));
            return new Result(List.of(), problems);
        }
        Map<String, Action> actions = new LinkedHashMap<>();
        Matcher m = CASE_ARM.matcher(code); // string literals survive blankComments
        m.region(body.start, body.end);
        while (m.find()) {
            int line = lineOf(code, m.start());
            String event = m.group(1);
            String name = m.group(2);
            if (!event.equals(name)) {
                problems.add(new Finding(module.path(), line, operator + " dispatches the event \"" + event
                        + "\" to the action " + name + ": the event and the action must have one name"));
                continue;
            }
            Integer defined = definitionLine(code, name);
            if (defined == null) {
                problems.add(new Finding(module.path(), line, operator + " dispatches to " + name
                        + ", which this module does not define at the start of a line"));
            } else if (actions.putIfAbsent(name, new Action(name, module, defined)) != null) {
                problems.add(new Finding(module.path(), line, operator + " dispatches \"" + name + "\" twice"));
            }
        }
        if (actions.isEmpty() && problems.isEmpty()) {
            problems.add(new Finding(module.path(), body.line, operator + " has no arm of the form"
                    + " e.action = \"Name\" -> Name(e)"));
        }
        return new Result(List.copyOf(actions.values()), problems);
    }

    /** The text of a definition after its "==", up to the next line starting at column 0. */
    private record Body(int start, int end, int line) {
    }

    private static Body body(String code, String name) {
        Matcher d = definition(name).matcher(code);
        if (!d.find()) {
            return null;
        }
        int start = d.end();
        Matcher next = Pattern.compile("(?m)^\\S").matcher(code);
        int end = next.find(start) ? next.start() : code.length();
        return new Body(start, end, lineOf(code, d.start()));
    }

    private static Integer definitionLine(String code, String name) {
        Matcher d = definition(name).matcher(code);
        return d.find() ? lineOf(code, d.start()) : null;
    }

    private static Pattern definition(String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*(\\([^)\\n]*\\))?\\s*==");
    }

    /** True if the first parenthesis closes only at the end: "(a, f(b))" but not "(a) /\ (b)". */
    private static boolean balancedOuter(String parens) {
        int depth = 0;
        for (int k = 0; k < parens.length(); k++) {
            char c = parens.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && k != parens.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    /**
     * The module with every comment replaced by spaces (newlines kept, so offsets and line numbers stay). String
     * literals are kept as they are, and a comment opener inside one is not a comment.
     */
    static String blankComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int depth = 0;
        boolean inString = false;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            char next = k + 1 < text.length() ? text.charAt(k + 1) : '\0';
            if (depth == 0 && inString) {
                if (c == '\\') {
                    k++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (depth == 0 && c == '"') {
                inString = true;
            } else if (c == '(' && next == '*') {
                depth++;
                out.setCharAt(k, ' ');
                out.setCharAt(++k, ' ');
            } else if (depth > 0 && c == '*' && next == ')') {
                depth--;
                out.setCharAt(k, ' ');
                out.setCharAt(++k, ' ');
            } else if (depth > 0) {
                if (c != '\n') {
                    out.setCharAt(k, ' ');
                }
            } else if (c == '\\' && next == '*') {
                while (k < text.length() && text.charAt(k) != '\n') {
                    out.setCharAt(k++, ' ');
                }
            }
        }
        return out.toString();
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int k = 0; k < offset && k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String oneLine(String text) {
        String s = text.replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
