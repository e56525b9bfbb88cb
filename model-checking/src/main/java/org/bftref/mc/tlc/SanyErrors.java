package org.bftref.mc.tlc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SANY's errors. TLC 2.18 reports a failed parse with one message (code 3002, "Parsing or semantic
 * analysis failed") and leaves the details to SANY's plain-text output before it, so this is the one place
 * where prose has to be read. Each error becomes one line {@code file:line:col: what}.
 */
final class SanyErrors {

    private static final Pattern PARSING_FILE = Pattern.compile("^Parsing file (.+)$");
    private static final Pattern PARSE_POSITION = Pattern.compile("at line (\\d+), column (\\d+)");
    private static final Pattern COULD_NOT_PARSE = Pattern.compile("^Could not parse module (\\S+) from file");
    private static final Pattern LOCATION =
            Pattern.compile("line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\S+)");
    private static final Pattern MISSING_MODULE =
            Pattern.compile("Cannot find source file for module (\\w+)(?: imported in module (\\w+))?");
    private static final Pattern ERROR_COUNT = Pattern.compile("^\\*\\*\\* Errors: (\\d+)");

    private SanyErrors() {
    }

    static Optional<Outcome> describe(List<String> lines, UnaryOperator<String> displayPath) {
        Map<String, String> files = moduleFiles(lines);
        String lastParsed = null;
        int errorCount = 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher parsing = PARSING_FILE.matcher(line);
            if (parsing.matches()) {
                lastParsed = parsing.group(1);
                continue;
            }
            Matcher count = ERROR_COUNT.matcher(line);
            if (count.find()) {
                errorCount = Integer.parseInt(count.group(1));
            }
            Matcher missing = MISSING_MODULE.matcher(line);
            if (missing.find()) {
                String importer = missing.group(2) == null ? "" : displayPath.apply(
                        files.getOrDefault(missing.group(2), missing.group(2) + ".tla")) + ": ";
                return Optional.of(new Outcome.Failure(FailureKind.MISSING_FILE, importer + "cannot find module "
                        + missing.group(1) + ": no " + missing.group(1)
                        + ".tla next to the MC modules or in any directory under spec/"));
            }
            if (line.startsWith("***Parse Error***") || line.startsWith("Lexical error")) {
                String file = parseErrorFile(lines, i, files, lastParsed);
                List<String> text = paragraph(lines, line.startsWith("Lexical error") ? i : i + 1);
                String joined = String.join("; ", text);
                Matcher at = PARSE_POSITION.matcher(joined);
                String where = displayPath.apply(file) + (at.find() ? ":" + at.group(1) + ":" + at.group(2) : "");
                return Optional.of(new Outcome.Failure(FailureKind.PARSE, where + ": parse error: " + joined));
            }
            Matcher location = LOCATION.matcher(line);
            if (location.matches()) {
                List<String> text = paragraph(lines, nextNonBlank(lines, i + 1));
                String file = files.getOrDefault(location.group(3), location.group(3) + ".tla");
                String more = errorCount > 1 ? " (and " + (errorCount - 1) + " more)" : "";
                return Optional.of(new Outcome.Failure(FailureKind.PARSE, displayPath.apply(file) + ":"
                        + location.group(1) + ":" + location.group(2) + ": " + String.join(" ", text) + more));
            }
        }
        return Optional.empty();
    }

    /** "file:line:col" of the first source location in a TLC message such as 2103 (nested expressions). */
    static Optional<String> location(String text, List<String> lines, UnaryOperator<String> displayPath) {
        Matcher m = LOCATION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String file = moduleFiles(lines).getOrDefault(m.group(3), m.group(3) + ".tla");
        return Optional.of(displayPath.apply(file) + ":" + m.group(1) + ":" + m.group(2));
    }

    /** Module name to the file SANY read it from, from its "Parsing file" lines. */
    private static Map<String, String> moduleFiles(List<String> lines) {
        Map<String, String> files = new HashMap<>();
        for (String line : lines) {
            Matcher m = PARSING_FILE.matcher(line.strip());
            if (m.matches()) {
                String path = m.group(1);
                String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
                files.putIfAbsent(name.replaceFirst("\\.tla$", ""), path);
            }
        }
        return files;
    }

    private static String parseErrorFile(List<String> lines, int from, Map<String, String> files, String lastParsed) {
        for (String line : lines.subList(from, lines.size())) {
            Matcher m = COULD_NOT_PARSE.matcher(line.strip());
            if (m.find() && files.containsKey(m.group(1))) {
                return files.get(m.group(1));
            }
        }
        return lastParsed == null ? "(unknown file)" : lastParsed;
    }

    /** The non-blank lines from {@code from} up to the next blank line, stripped. */
    private static List<String> paragraph(List<String> lines, int from) {
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                .takeWhile(l -> !l.isBlank()).map(String::strip).toList();
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }
}
