package org.bftref.report;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A counterexample as {@code bftref check} writes it to {@code target/counterexamples/<model>.txt}
 * (model-checking's CounterexampleWriter and CounterexamplePrinter): three header lines, then numbered states,
 * the first being the initial state with one indented {@code var = value} line per variable, each later one a step
 * {@code k. Action — what changed}; then how a liveness counterexample ends ({@code -> back to state k},
 * {@code -> then stutters forever}) and the last state in full, which is not read.
 *
 * @param file        the file read
 * @param model       the model's name (header line 1)
 * @param violation   what TLC found, e.g. {@code invariant Agreement violated (7 states)}
 * @param description the model's description (header line 2)
 * @param config      the model's TLC config, as a path relative to the repository root; null if the header has none
 * @param initial     the initial state's variables, in the printed order
 * @param steps       the steps after the initial state, numbered from 2
 * @param loopsBackTo the state a lasso loops back to, or 0
 * @param stutters    whether the behaviour ends by stuttering forever
 */
public record CounterexampleFile(Path file, String model, String violation, String description, String config,
                                 Map<String, String> initial, List<Step> steps, int loopsBackTo, boolean stutters) {

    /** One step: state {@code number}, reached by {@code action}; {@code text} is the printer's description. */
    public record Step(int number, int line, String action, String text) {
    }

    /** What the printer appends to the numbered line of the state a liveness lasso loops back to. */
    private static final String LOOP_START = "   <- the loop starts here";

    /** The first line of such a file; {@link Diagrams} uses it to tell a counterexample from a trace. */
    static final Pattern FIRST_LINE = Pattern.compile("Model (\\S+): (.+)");
    private static final Pattern CONFIG = Pattern.compile("Module (\\S+), config (\\S+);.*");
    private static final Pattern STATE = Pattern.compile("(\\d+)\\. (.*?)(" + Pattern.quote(LOOP_START) + ")?");
    private static final Pattern STEP = Pattern.compile("(\\S+) \u2014 (.*)");
    private static final Pattern VARIABLE = Pattern.compile("\\s+(\\w+) = (.*)");
    private static final Pattern BACK = Pattern.compile("-> back to state (\\d+): .*");
    private static final Pattern IN_FULL = Pattern.compile("State \\d+ in full:");

    /**
     * The numbered lines of the states as the file has them ({@code 1. Initial state}, {@code 2. Action — ...}),
     * without the initial state's variables and without the last state in full: the behaviour in short.
     */
    public List<String> numberedLines() {
        List<String> lines = new ArrayList<>();
        lines.add("1. Initial state" + (loopsBackTo == 1 ? LOOP_START : ""));
        for (Step s : steps) {
            lines.add(s.number() + ". " + s.action() + " \u2014 " + s.text() + (loopsBackTo == s.number() ? LOOP_START : ""));
        }
        return lines;
    }

    public boolean invariantViolation() {
        return violation.startsWith("invariant ");
    }

    public static CounterexampleFile read(Path file) throws RenderException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new RenderException(file, 0, "", "no such file");
        } catch (CharacterCodingException e) {
            throw new RenderException(file, 0, "", "not UTF-8 text");
        } catch (IOException e) {
            throw new RenderException(file, 0, "", "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    static CounterexampleFile parse(Path file, String text) throws RenderException {
        String[] lines = text.split("\r?\n", -1);
        Matcher first = FIRST_LINE.matcher(lines[0]);
        if (!first.matches()) {
            throw new RenderException(file, 1, "header", "expected \"Model NAME: ... violated (k states)\"");
        }
        String description = lines.length > 1 ? lines[1] : "";
        String config = null;
        if (lines.length > 2) {
            Matcher m = CONFIG.matcher(lines[2]);
            if (m.matches()) {
                config = m.group(2);
            }
        }
        Map<String, String> initial = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        int expected = 1;
        int loopsBackTo = 0;
        boolean stutters = false;
        boolean inInitial = false;
        for (int i = 3; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (IN_FULL.matcher(line).matches()) {
                break;
            }
            Matcher var = VARIABLE.matcher(line);
            if (var.matches()) {
                if (!inInitial) {
                    throw new RenderException(file, lineNo, "state", "a variable line outside the initial state");
                }
                initial.put(var.group(1), var.group(2));
                continue;
            }
            Matcher back = BACK.matcher(line);
            if (back.matches()) {
                loopsBackTo = Integer.parseInt(back.group(1));
                continue;
            }
            if (line.startsWith("-> then stutters forever")) {
                stutters = true;
                continue;
            }
            Matcher state = STATE.matcher(line);
            if (!state.matches()) {
                throw new RenderException(file, lineNo, "step", "expected \"k. Action \u2014 ...\", got \"" + line + "\"");
            }
            int number;
            try {
                number = Integer.parseInt(state.group(1));
            } catch (NumberFormatException e) {
                throw new RenderException(file, lineNo, "step", "step number out of range");
            }
            if (number != expected) {
                throw new RenderException(file, lineNo, "step", "expected state " + expected + ", got " + number);
            }
            expected++;
            if (state.group(3) != null && loopsBackTo == 0) {
                loopsBackTo = number;
            }
            if (number == 1) {
                if (!state.group(2).equals("Initial state")) {
                    throw new RenderException(file, lineNo, "step", "state 1 must be \"Initial state\"");
                }
                inInitial = true;
                continue;
            }
            inInitial = false;
            Matcher step = STEP.matcher(state.group(2));
            if (!step.matches()) {
                throw new RenderException(file, lineNo, "step", "expected \"Action \u2014 what changed\" after \""
                        + number + ". \"");
            }
            steps.add(new Step(number, lineNo, step.group(1), step.group(2)));
        }
        if (expected == 1) {
            throw new RenderException(file, 0, "steps", "no numbered states (\"1. Initial state\", ...)");
        }
        return new CounterexampleFile(file, first.group(1), first.group(2), description, config, initial, steps,
                loopsBackTo, stutters);
    }
}
