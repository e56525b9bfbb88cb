package org.bftref.trace.correspondence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the names a TLA+ module declares with {@code CONSTANT(S)} and {@code VARIABLE(S)}: like {@link TlaActions},
 * a small extractor for the shape this project's specs use, not a parser, and it reports any other shape instead of
 * guessing. A declaration starts at column 0 with the keyword and runs to the next line that starts at column 0; it
 * is a comma-separated list of names, an operator constant written {@code Name(_, _)}. Comments are blanked first
 * ({@link TlaActions#blankComments}), keeping line numbers.
 *
 * <p>Only the module's own declarations count: names that an {@code INSTANCE} brings in are substituted by the
 * module's own names of the same spelling, so they are declared here too or the module does not parse.
 */
final class TlaDeclarations {

    /** A declared name and the line it is written on. */
    record Declared(String name, int line) {
    }

    record Result(List<Declared> constants, List<Declared> variables, List<Finding> problems) {
    }

    private static final Pattern KEYWORD = Pattern.compile("(?m)^(CONSTANTS?|VARIABLES?)(?![A-Za-z0-9_])");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The arity of an operator constant, {@code (_, _)}: blanked, since only the name is compared. */
    private static final Pattern ARITY = Pattern.compile("\\(\\s*_(\\s*,\\s*_)*\\s*\\)");
    private static final Pattern COLUMN_ZERO = Pattern.compile("(?m)^\\S");

    private TlaDeclarations() {
    }

    static Result read(Source module) {
        String code = TlaActions.blankComments(module.text());
        List<Declared> constants = new ArrayList<>();
        List<Declared> variables = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        Matcher keyword = KEYWORD.matcher(code);
        while (keyword.find()) {
            List<Declared> into = keyword.group(1).startsWith("CONSTANT") ? constants : variables;
            Matcher next = COLUMN_ZERO.matcher(code);
            int end = next.find(keyword.end()) ? next.start() : code.length();
            String body = blankArities(code.substring(keyword.end(), end));
            int offset = keyword.end();
            for (String item : body.split(",", -1)) {
                String name = item.strip();
                int at = offset + (item.length() - item.stripLeading().length());
                if (!NAME.matcher(name).matches()) {
                    problems.add(new Finding(module.path(), TlaActions.lineOf(code, at), keyword.group(1)
                            + " declares something that is not a name: \"" + oneLine(name) + "\""));
                } else {
                    into.add(new Declared(name, TlaActions.lineOf(code, at)));
                }
                offset += item.length() + 1;
            }
        }
        return new Result(List.copyOf(constants), List.copyOf(variables), problems);
    }

    private static String blankArities(String text) {
        Matcher m = ARITY.matcher(text);
        StringBuilder out = new StringBuilder(text);
        while (m.find()) {
            for (int k = m.start(); k < m.end(); k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        String s = text.replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
