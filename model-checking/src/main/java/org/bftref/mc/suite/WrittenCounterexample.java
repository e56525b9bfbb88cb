package org.bftref.mc.suite;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bftref.mc.trace.ReadableCounterexample;
import org.bftref.mc.trace.ReadableCounterexample.FormatException;

/**
 * A counterexample file as {@code bftref check} writes it, {@code target/counterexamples/<model>.txt}: three header
 * lines (what was violated, the model's description, its module and config and where TLC's own output is), a blank
 * line, then the numbered steps of {@link ReadableCounterexample}. Written and read here only, so the header has one
 * format; {@code bftref render} and the HTML report read files users keep through {@link #parse}.
 *
 * @param model       the model's name
 * @param violation   what TLC found, e.g. {@code invariant Agreement violated (7 states)}
 * @param description the model's description
 * @param module      the TLA+ module, relative to the repository root; null if the header does not say
 * @param config      the TLC config, relative to the repository root; null if the header does not say
 * @param tlcOutput   TLC's raw output file; null if the header does not say
 * @param steps       the behaviour
 */
public record WrittenCounterexample(String model, String violation, String description, String module, String config,
                                    String tlcOutput, ReadableCounterexample steps) {

    private static final Pattern FIRST = Pattern.compile("Model (\\S+): (.+)");
    private static final Pattern THIRD = Pattern.compile("Module (\\S+), config (\\S+);(?: TLC's own output: (.*))?.*");
    /** Where the steps begin: after the three header lines and a blank one. */
    private static final int STEPS_FROM = 3;

    /** The file read back, and the line (1-based, in the whole file) of each state's numbered line. */
    public record Read(WrittenCounterexample counterexample, Map<Integer, Integer> lineOfState) {
    }

    public String text() {
        return "Model " + model + ": " + violation + "\n" + description + "\n" + "Module " + module + ", config " + config
                + "; TLC's own output: " + tlcOutput + "\n\n" + steps.text();
    }

    /** Reads a file's text; a problem is one {@link FormatException} naming the line and the part. */
    public static Read parse(String text) throws FormatException {
        List<String> lines = Arrays.asList(text.split("\r?\n", -1));
        Matcher first = FIRST.matcher(lines.get(0));
        if (!first.matches()) {
            throw new FormatException(1, "header", "expected \"Model NAME: ... violated (k states)\"");
        }
        String description = lines.size() > 1 ? lines.get(1) : "";
        Matcher third = lines.size() > 2 ? THIRD.matcher(lines.get(2)) : null;
        boolean known = third != null && third.matches();
        ReadableCounterexample.Parsed steps = ReadableCounterexample.parse(lines, Math.min(STEPS_FROM, lines.size()));
        return new Read(new WrittenCounterexample(first.group(1), first.group(2), description,
                known ? third.group(1) : null, known ? third.group(2) : null, known ? third.group(3) : null,
                steps.counterexample()), steps.lineOfState());
    }
}
