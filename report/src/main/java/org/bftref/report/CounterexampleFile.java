package org.bftref.report;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bftref.mc.suite.WrittenCounterexample;
import org.bftref.mc.trace.ReadableCounterexample;

/**
 * A counterexample file of {@code bftref check} ({@code target/counterexamples/<model>.txt}), read by
 * model-checking's own reader ({@link WrittenCounterexample#parse}), which lives beside the writer: the report
 * reads the steps as data and never parses the wording itself.
 *
 * @param file        the file read
 * @param written     the file's content as data
 * @param lineOfState the line of each state's numbered line in the file, by state number
 */
public record CounterexampleFile(Path file, WrittenCounterexample written, Map<Integer, Integer> lineOfState) {

    /**
     * One step: state {@code number}, on {@code line} of the file, reached by the step's action.
     *
     * @param step what changed, as data
     */
    public record Step(int number, int line, ReadableCounterexample.Step step) {
        public String action() {
            return step.action();
        }

        /** The printer's description of the step: what follows {@code "k. Action — "}. */
        public String text() {
            return step.description();
        }
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
        try {
            WrittenCounterexample.Read read = WrittenCounterexample.parse(text);
            return new CounterexampleFile(file, read.counterexample(), read.lineOfState());
        } catch (ReadableCounterexample.FormatException e) {
            throw new RenderException(file, e.line(), e.field(), e.problem());
        }
    }

    /** The model's name (header line 1). */
    public String model() {
        return written.model();
    }

    /** What TLC found, e.g. {@code invariant Agreement violated (7 states)}. */
    public String violation() {
        return written.violation();
    }

    /** The model's description (header line 2). */
    public String description() {
        return written.description();
    }

    /** The model's TLC config, as a path relative to the repository root; null if the header has none. */
    public String config() {
        return written.config();
    }

    /** The initial state's variables, in the printed order. */
    public Map<String, String> initial() {
        return ((ReadableCounterexample.Initial) written.steps().states().get(0)).variables();
    }

    /** The steps after the initial state, numbered from 2. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (ReadableCounterexample.State s : written.steps().states()) {
            if (s instanceof ReadableCounterexample.Step step) {
                steps.add(new Step(step.number(), lineOfState.get(step.number()), step));
            }
        }
        return steps;
    }

    /** The state a lasso loops back to, or 0. */
    public int loopsBackTo() {
        return written.steps().loopsBackTo();
    }

    /** Whether the behaviour ends by stuttering forever. */
    public boolean stutters() {
        return written.steps().stutters();
    }

    /**
     * The numbered lines of the states as the file has them ({@code 1. Initial state}, {@code 2. Action — ...}),
     * without the initial state's variables and without the last state in full: the behaviour in short.
     */
    public List<String> numberedLines() {
        return written.steps().numberedLines();
    }

    public boolean invariantViolation() {
        return violation().startsWith("invariant ");
    }
}
