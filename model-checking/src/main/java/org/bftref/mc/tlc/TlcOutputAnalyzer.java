package org.bftref.mc.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bftref.mc.trace.Counterexample;
import org.bftref.mc.trace.TraceState;
import org.bftref.mc.trace.TraceStateParser;

/**
 * Turns the messages of one TLC run into its {@link Outcome} and {@link TlcStats}. What happened is decided
 * by message code; the prose of a message is read only for the numbers and names in it (TLC has no other
 * place for them).
 */
public final class TlcOutputAnalyzer implements ToolOutputParser.Listener {

    /** Progress as TLC reports it every minute (code 2200). */
    public record Progress(long generated, long distinct, long queue, int depth, Long statesPerMinute) {
    }

    /** A number as TLC prints it, grouped in whatever locale ("67,053"). */
    private static final String NUMBER = "(\\d[\\d,.'\\u00a0\\u202f]*)";
    private static final Pattern NUMBERS_STATS = Pattern.compile(NUMBER + " states generated.*?"
            + NUMBER + " distinct states found.*?" + NUMBER + " states left on queue", Pattern.DOTALL);
    private static final Pattern PROGRESS = Pattern.compile("^Progress\\((\\d+)\\)");
    private static final Pattern PER_MINUTE = Pattern.compile("states generated \\(" + NUMBER + " s/min\\)");
    private static final Pattern DEPTH = Pattern.compile("(\\d+)\\.?\\s*$");
    private static final Pattern INVARIANT = Pattern.compile("^Invariant (\\S+) is violated");
    private static final Pattern PROPERTY = Pattern.compile("^(?:Action property|Property|Temporal property) (.+?) is violated");
    private static final Pattern BACK_TO = Pattern.compile("^(\\d+): Back to state");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_!]*");
    private static final List<String> OUT_OF_MEMORY_TEXT =
            List.of("OutOfMemoryError", "Java heap space", "GC overhead limit exceeded", "Direct buffer memory");

    private final List<TlcMessage> messages = new ArrayList<>();
    private final List<String> plainLines = new ArrayList<>();
    private final Consumer<Progress> onProgress;
    private final Runnable onOutOfMemory;
    private boolean outOfMemory;
    private TlcStats stats = TlcStats.NONE;

    /**
     * @param onProgress    called for every progress report
     * @param onOutOfMemory called once, as soon as TLC reports running out of memory: TLC may keep going
     *                      (printing a trace that itself exhausts the heap) for a long time, so the caller
     *                      should kill it
     */
    public TlcOutputAnalyzer(Consumer<Progress> onProgress, Runnable onOutOfMemory) {
        this.onProgress = onProgress;
        this.onOutOfMemory = onOutOfMemory;
    }

    @Override
    public synchronized void message(TlcMessage message) {
        messages.add(message);
        if (Codes.OUT_OF_MEMORY.contains(message.code()) || mentionsOutOfMemory(message.fullText())) {
            noteOutOfMemory();
        }
        switch (message.code()) {
            case Codes.TLC_STATS -> stats = countsOf(message.body(), stats.depth());
            case Codes.TLC_SEARCH_DEPTH -> {
                Matcher m = DEPTH.matcher(message.body());
                if (m.find()) {
                    stats = stats.withDepth(Integer.parseInt(m.group(1)));
                }
            }
            case Codes.TLC_PROGRESS_STATS -> {
                TlcStats counts = countsOf(message.body(), stats.depth());
                Matcher depth = PROGRESS.matcher(message.body());
                Matcher perMinute = PER_MINUTE.matcher(message.body());
                if (counts.distinct() != null) {
                    stats = counts;
                    onProgress.accept(new Progress(counts.generated(), counts.distinct(), counts.queue(),
                            depth.find() ? Integer.parseInt(depth.group(1)) : 0,
                            perMinute.find() ? number(perMinute.group(1)) : null));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public synchronized void plainLine(String line) {
        plainLines.add(line);
        if (mentionsOutOfMemory(line)) {
            noteOutOfMemory();
        }
    }

    public boolean outOfMemory() {
        return outOfMemory;
    }

    public synchronized TlcStats stats() {
        return stats;
    }

    public synchronized List<TlcMessage> messages() {
        return List.copyOf(messages);
    }

    /** How to name things in error messages, and what the inspector found out before the run. */
    public record Context(String moduleDisplay, String configDisplay, String heap, boolean distributed,
                          Optional<ModelFacts> facts, java.util.function.UnaryOperator<String> displayPath) {
    }

    /** The outcome, once TLC has exited (with {@code exitCode}). */
    public synchronized Outcome outcome(int exitCode, Context context) {
        if (outOfMemory) {
            return new Outcome.Failure(FailureKind.OUT_OF_MEMORY,
                    "TLC ran out of memory (-Xmx" + context.heap() + "); raise --heap");
        }
        Optional<Outcome> violation = violation(context);
        if (violation.isPresent()) {
            return violation.get();
        }
        if (has(Codes.TLC_SUCCESS)) {
            return new Outcome.Pass();
        }
        if (has(Codes.TLC_MODE_SIMU) && has(Codes.TLC_FINISHED) && exitCode == 0
                && messages.stream().noneMatch(TlcMessage::isError)) {
            // A simulation (-simulate) that drew all its behaviours and found nothing: a pass of that
            // run, not of the whole state space; only smoke tests run TLC this way.
            return new Outcome.Pass();
        }
        for (TlcMessage m : messages) {
            if (Codes.PARSE_FAILED.contains(m.code())) {
                return SanyErrors.describe(plainLines, context.displayPath())
                        .orElse(new Outcome.Failure(FailureKind.PARSE,
                                context.moduleDisplay() + ": parsing or semantic analysis failed"));
            }
            if (m.isError() && (Codes.isConfigError(m.code()) || m.nested().stream().anyMatch(n -> Codes.isConfigError(n.code())))) {
                return new Outcome.Failure(FailureKind.CONFIG, context.configDisplay() + ": " + m.oneLine()
                        .replaceFirst("^TLC threw an unexpected exception.*?The exception was a \\S+ : ", ""));
            }
        }
        Optional<TlcMessage> error = messages.stream().filter(TlcMessage::isError).findFirst();
        if (error.isPresent()) {
            return new Outcome.Failure(FailureKind.TLC_ERROR, describeError(error.get(), context));
        }
        if (exitCode > 128) {
            return new Outcome.Failure(FailureKind.TLC_ERROR, "TLC was killed by signal " + (exitCode - 128)
                    + (exitCode == 137 ? " (SIGKILL; the kernel's out-of-memory killer?)" : ""));
        }
        String last = plainLines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
        return new Outcome.Failure(FailureKind.TLC_ERROR, exitCode == 0
                ? "TLC finished without reporting a result; last output: " + last.strip()
                : "TLC exited with status " + exitCode + " without a result: " + last.strip());
    }

    private Optional<Outcome> violation(Context context) {
        for (int i = 0; i < messages.size(); i++) {
            TlcMessage m = messages.get(i);
            String body = m.body();
            switch (m.code()) {
                case Codes.TLC_INVARIANT_VIOLATED_INITIAL -> {
                    // The state is printed inside this message, not as a 2217.
                    List<String> lines = body.lines().toList();
                    TraceState initial = new TraceState(1, TraceState.INITIAL, "",
                            TraceStateParser.parseVariables(lines.subList(1, lines.size())));
                    return Optional.of(new Outcome.Violation(ViolationKind.INVARIANT, name(INVARIANT, body),
                            new Counterexample(List.of(initial), OptionalInt.empty(), false)));
                }
                case Codes.TLC_INVARIANT_VIOLATED_BEHAVIOR -> {
                    return Optional.of(new Outcome.Violation(ViolationKind.INVARIANT, name(INVARIANT, body), trace(i)));
                }
                case Codes.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR -> {
                    return Optional.of(new Outcome.Violation(ViolationKind.ACTION_PROPERTY,
                            propertyName(name(PROPERTY, body), context), trace(i)));
                }
                case Codes.TLC_PROPERTY_VIOLATED_INITIAL -> {
                    return Optional.of(new Outcome.Violation(ViolationKind.PROPERTY,
                            propertyName(name(PROPERTY, body), context), trace(i)));
                }
                case Codes.TLC_DEADLOCK_REACHED -> {
                    return Optional.of(new Outcome.Violation(ViolationKind.DEADLOCK, "deadlock", trace(i)));
                }
                case Codes.TLC_TEMPORAL_PROPERTY_VIOLATED -> {
                    // TLC does not say which temporal property failed; the inspector knows which there are.
                    return Optional.of(new Outcome.Violation(ViolationKind.PROPERTY, temporalName(context), trace(i)));
                }
                case Codes.TLC_BEHAVIOR_UP_TO_THIS_POINT -> {
                    if (context.distributed() && messages.subList(0, i).stream().noneMatch(TlcMessage::isError)) {
                        // Distributed TLC 2.18 prints the trace of an invariant violation without saying
                        // what was violated.
                        return Optional.of(new Outcome.Violation(ViolationKind.UNKNOWN, null, trace(i)));
                    }
                    return Optional.empty(); // the trace of an evaluation error, reported as an error
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    /** The states printed after message {@code from}. */
    private Counterexample trace(int from) {
        List<TraceState> states = new ArrayList<>();
        OptionalInt loopsBackTo = OptionalInt.empty();
        boolean stutters = false;
        for (TlcMessage m : messages.subList(from + 1, messages.size())) {
            if (m.code() == Codes.TLC_STATE_PRINT2) {
                states.add(TraceStateParser.parseNumbered(m.body()));
            } else if (m.code() == Codes.TLC_STATE_PRINT3) {
                stutters = true;
            } else if (m.code() == Codes.TLC_BACK_TO_STATE) {
                Matcher back = BACK_TO.matcher(m.body());
                if (back.find()) {
                    loopsBackTo = OptionalInt.of(Integer.parseInt(back.group(1)));
                }
            }
        }
        return new Counterexample(states, loopsBackTo, stutters);
    }

    private static String temporalName(Context context) {
        List<String> temporals = context.facts().map(ModelFacts::impliedTemporals).orElse(List.of());
        if (temporals.size() == 1) {
            return temporals.get(0);
        }
        return temporals.isEmpty() ? "temporal property" : "one of " + String.join(", ", temporals);
    }

    /**
     * TLC names the conjunct of a property by its source location when the property is a conjunction
     * ({@code Action property line 8, col 20 to ... is violated}); with a single PROPERTY in the config,
     * that property is the one.
     */
    private static String propertyName(String named, Context context) {
        if (named != null && IDENTIFIER.matcher(named).matches()) {
            return named;
        }
        List<String> properties = context.facts().map(ModelFacts::configProperties).orElse(List.of());
        return properties.size() == 1 ? properties.get(0) : named;
    }

    private String describeError(TlcMessage error, Context context) {
        String where = messages.stream().filter(m -> m.code() == Codes.TLC_NESTED_EXPRESSION).findFirst()
                .flatMap(m -> SanyErrors.location(m.body(), plainLines, context.displayPath()))
                .map(location -> location + ": ").orElse(context.moduleDisplay() + ": ");
        return where + error.oneLine();
    }

    private boolean has(int code) {
        return messages.stream().anyMatch(m -> m.code() == code);
    }

    private static String name(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static TlcStats countsOf(String body, Integer depth) {
        Matcher m = NUMBERS_STATS.matcher(body);
        if (!m.find()) {
            return new TlcStats(null, null, null, depth);
        }
        return new TlcStats(number(m.group(1)), number(m.group(2)), number(m.group(3)), depth);
    }

    /** TLC formats numbers in the JVM's locale ("67,053"); keep the digits. */
    private static long number(String text) {
        String digits = text.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static boolean mentionsOutOfMemory(String text) {
        return OUT_OF_MEMORY_TEXT.stream().anyMatch(text::contains);
    }

    private void noteOutOfMemory() {
        if (!outOfMemory) {
            outOfMemory = true;
            onOutOfMemory.run();
        }
    }
}
