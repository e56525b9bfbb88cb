package org.bftref.trace.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads FORMAT.md, so the tests check the page itself: its worked example and its event table. */
final class FormatDoc {

    private FormatDoc() {
    }

    static Path path() {
        Path here = Path.of("FORMAT.md");
        if (Files.isRegularFile(here)) {
            return here;
        }
        return Path.of(System.getProperty("bftref.home", ".."), "trace-validation", "FORMAT.md");
    }

    static String text() {
        try {
            return Files.readString(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code block under "## A worked example", with a final newline. */
    static String workedExample() {
        String text = text();
        int section = text.indexOf("## A worked example");
        int start = text.indexOf("```\n", section) + 4;
        int end = text.indexOf("```", start);
        if (section < 0 || start < 4 || end < 0) {
            throw new IllegalStateException("FORMAT.md has no worked example");
        }
        return text.substring(start, end);
    }

    /** The first column of the table under "## Events" whose header row starts with "| action |". */
    static List<String> eventTableActions() {
        String text = text();
        int section = text.indexOf("## Events");
        int next = text.indexOf("\n## ", section + 1);
        List<String> actions = new ArrayList<>();
        boolean inTable = false;
        for (String line : text.substring(section, next < 0 ? text.length() : next).split("\n")) {
            if (line.startsWith("| action |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("| `")) {
                actions.add(line.substring(3, line.indexOf('`', 3)));
            } else if (inTable) {
                break;
            }
        }
        return actions;
    }
}
