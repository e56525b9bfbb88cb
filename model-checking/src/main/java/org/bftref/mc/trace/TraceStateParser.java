package org.bftref.mc.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the body of a TLC state message (code 2217), or the state printed inside an initial-state
 * violation (code 2107).
 *
 * <p>The header is {@code 3: <SendPrepare line 120, col 5 to line 130, col 40 of module PBFT>}; newer TLCs
 * also print the action's parameters ({@code <SendPrepare(r) line ...>}). Then one {@code /\ var = value}
 * per variable, a value possibly continued on indented lines. A spec with a single variable is printed
 * without the {@code /\ }.
 */
public final class TraceStateParser {

    private static final Pattern HEADER = Pattern.compile("^(\\d+): <(.*)>\\s*$");
    private static final Pattern ACTION = Pattern.compile("^([A-Za-z0-9_!]+)(?:\\([^)]*\\))?(?: (line .*))?$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(?:/\\\\ )?([A-Za-z0-9_]+) = (.*)$", Pattern.DOTALL);

    private TraceStateParser() {
    }

    /** Parses a 2217 body: header line, then the variables. */
    public static TraceState parseNumbered(String body) {
        List<String> lines = body.strip().lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty state");
        }
        Matcher header = HEADER.matcher(lines.get(0));
        if (!header.matches()) {
            throw new IllegalArgumentException("not a state header: " + lines.get(0));
        }
        int number = Integer.parseInt(header.group(1));
        String actionText = header.group(2);
        String action = actionText;
        String location = "";
        Matcher a = ACTION.matcher(actionText);
        if (!actionText.equals(TraceState.INITIAL) && a.matches()) {
            action = a.group(1);
            location = a.group(2) == null ? "" : a.group(2);
        }
        return new TraceState(number, action, location, parseVariables(lines.subList(1, lines.size())));
    }

    /** Parses the variables of a state, one {@code /\ var = value} each. */
    public static Map<String, TlaValue> parseVariables(List<String> lines) {
        Map<String, TlaValue> variables = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        boolean conjunctList = lines.stream().anyMatch(l -> l.startsWith("/\\ "));
        for (String line : lines) {
            boolean starts = conjunctList ? line.startsWith("/\\ ") : name == null && !line.isBlank();
            if (starts) {
                if (name != null) {
                    variables.put(name, TlaValueParser.parse(value.toString()));
                }
                Matcher m = ASSIGNMENT.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a variable assignment: " + line);
                }
                name = m.group(1);
                value.setLength(0);
                value.append(m.group(2));
            } else if (name != null) {
                value.append('\n').append(line);
            }
        }
        if (name != null) {
            variables.put(name, TlaValueParser.parse(value.toString()));
        }
        return variables;
    }
}
