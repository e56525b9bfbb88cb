package org.bftref.trace.validate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceFormatException;
import org.bftref.trace.format.TraceLine;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.tlc.TraceInputOverrides;

/**
 * Validates traces against spec/pbft/TracePBFT.tla with TLC, for the CLI ({@code bftref validate}) and for other
 * JVM test suites:
 *
 * <pre>{@code
 * Verdict v = TraceValidator.validate(List.of(Path.of("out.ndjson")));
 * assertTrue(v.accepted(), v.text());
 * }</pre>
 *
 * <p>How: the traces are read and checked here ({@link TraceReader}: every format error names file, line and
 * field), written to one normalized file, and TLC runs in a forked JVM on TracePBFT.tla, reading that file
 * through the operator override {@link TraceInputOverrides}. The verdicts come back through the same override
 * as a file, never from TLC's prose. Several traces share one TLC run.
 *
 * <p>The spec files travel inside this module's jar (copied from spec/pbft at build time), so the API works
 * from a test suite that has only the jar.
 */
public final class TraceValidator {

    private static final String SPEC_MODULE = "TracePBFT";
    static final List<String> SPEC_FILES = List.of("TracePBFT.tla", "TraceInput.tla", "TracePBFT.cfg");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** TLC's integers are 32-bit: a larger number in a trace is refused before TLC sees it. */
    private static final long TLC_MAX_INT = Integer.MAX_VALUE;

    /**
     * How TLC runs, for NDJSON and ITF traces alike (see {@link TlcFork}): its heap, workers, and where its files go
     * (null: a fresh temporary directory); {@code progress} hears TLC's count of distinct states as it goes (one
     * per event or ITF state matched, plus the initial state for NDJSON traces); with {@code measureHeap}, TLC
     * collects its garbage before each verdict, so that {@link Verdict#retainedHeapBytes()} (and
     * {@link ItfVerdict#retainedHeapBytes()}) counts what it keeps even in a run too short for a collection of its
     * own (for the benchmark: it costs time).
     */
    public record Options(Path workDirectory, int workers, String maxHeap, LongConsumer progress, boolean measureHeap) {

        public static Options defaults() {
            return new Options(null, 1, "2g", events -> { }, false);
        }

        public Options withWorkDirectory(Path directory) {
            return new Options(directory, workers, maxHeap, progress, measureHeap);
        }

        public Options withProgress(LongConsumer eventsChecked) {
            return new Options(workDirectory, workers, maxHeap, eventsChecked, measureHeap);
        }

        public Options withWorkers(int count) {
            return new Options(workDirectory, count, maxHeap, progress, measureHeap);
        }

        public Options withHeapMeasured() {
            return new Options(workDirectory, workers, maxHeap, progress, true);
        }
    }

    private TraceValidator() {
    }

    /** Reads one trace (from one file, or several merged by their Lamport clocks) and validates it. */
    public static Verdict validate(List<Path> files) throws TraceFormatException, ValidationException {
        return validate(TraceReader.read(files), Options.defaults());
    }

    public static Verdict validate(Trace trace, Options options) throws TraceFormatException, ValidationException {
        return validateAll(List.of(trace), options).get(0);
    }

    /**
     * Validates an ITF trace (complete states, as Apalache and Quint write them) against PBFT.tla, with the
     * constants the file gives (see {@link ItfValidator}).
     */
    public static ItfVerdict validateItf(Path itf) throws org.bftref.trace.itf.ItfFormatException, ValidationException {
        return ItfValidator.validate(itf, Map.of(), Options.defaults());
    }

    /** The same, with constants that take precedence over the file's, and TLC's options. */
    public static ItfVerdict validateItf(Path itf, Map<String, org.bftref.trace.itf.ItfValue> constants, Options options)
            throws org.bftref.trace.itf.ItfFormatException, ValidationException {
        return ItfValidator.validate(itf, constants, options);
    }

    /** Validates independent traces in one TLC run; the verdicts come in the order of the traces. */
    public static List<Verdict> validateAll(List<Trace> traces, Options options)
            throws TraceFormatException, ValidationException {
        if (traces.isEmpty()) {
            return List.of();
        }
        Path work = TlcFork.workDirectory(options, "bftref-validate-");
        Path input = work.resolve("traces.ndjson");
        Path index = work.resolve("traces.index");
        Path verdicts = work.resolve("verdicts.ndjson");
        try {
            writeNormalized(traces, input, index);
            TlcFork.copySpec(work, SPEC_FILES, "spec/pbft");
            Files.deleteIfExists(verdicts);
        } catch (IOException e) {
            throw new ValidationException("cannot prepare " + work + ": " + e.getMessage(), e);
        }
        runTlc(work, input, index, verdicts, options);
        return readVerdicts(traces, verdicts);
    }

    /**
     * For comparison only (the benchmark): the same check with the trace spelt out as TLA+ literals in a generated
     * TraceInput.tla instead of read through the override, which is how trace validation is often done. Returns
     * the wall time in milliseconds until TLC accepted, or -1 if it did not finish within {@code limitMillis}
     * (TLC is then killed).
     */
    public static long generatedModuleMillis(Trace trace, Path work, long limitMillis)
            throws ValidationException, InterruptedException {
        StringBuilder module = new StringBuilder("---- MODULE TraceInput ----\nEXTENDS Sequences, TLC\n")
                .append("\\* Generated by the validator's benchmark: one trace as TLA+ literals.\n")
                .append("Traces == << [header |-> ");
        appendTla(module, normalized(trace.header().json()));
        module.append(",\n  events |-> <<");
        for (int k = 0; k < trace.events().size(); k++) {
            module.append(k == 0 ? "\n    " : ",\n    ");
            appendTla(module, normalized(trace.events().get(k).json()));
        }
        // The operators TracePBFT reads the traces through, as TraceInput.tla defines them.
        module.append(" >>] >>\n\nTraceCount == Len(Traces)\nTraceHeader(t) == Traces[t].header\n")
                .append("TraceLength(t) == Len(Traces[t].events)\nTraceEvent(t, k) == Traces[t].events[k]\n")
                .append("\nTraceReport(verdict) == PrintT(verdict)\n====\n");
        try {
            Files.createDirectories(work);
            TlcFork.copySpec(work, SPEC_FILES, "spec/pbft");
            Files.writeString(work.resolve("TraceInput.tla"), module, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ValidationException("cannot prepare " + work + ": " + e.getMessage(), e);
        }
        java.util.concurrent.atomic.AtomicBoolean accepted = new java.util.concurrent.atomic.AtomicBoolean();
        long start = System.nanoTime();
        boolean finished = TlcFork.runWithin(work, SPEC_MODULE, Options.defaults(), limitMillis, line -> {
            if (line.contains("verdict |-> \"accepted\"")) {
                accepted.set(true);
            }
        });
        if (!finished) {
            return -1;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!accepted.get()) {
            throw new ValidationException("the generated module did not accept the trace (log: " + work.resolve("tlc.log") + ")");
        }
        return millis;
    }

    private static void appendTla(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            out.append('[');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                out.append(first ? "" : ", ").append(f.getKey()).append(" |-> ");
                appendTla(out, f.getValue());
                first = false;
            }
            out.append(']');
        } else if (node.isArray()) {
            out.append('{');
            for (int k = 0; k < node.size(); k++) {
                out.append(k == 0 ? "" : ", ");
                appendTla(out, node.get(k));
            }
            out.append('}');
        } else if (node.isTextual()) {
            out.append('"').append(node.textValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            out.append(node.asText());
        }
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * Writes the traces as TLC reads them (see {@link TraceInputOverrides}), and their index: per trace, one line
     * "offset events", the byte offset of its header line in {@code out} and its number of events.
     */
    private static void writeNormalized(List<Trace> traces, Path out, Path index) throws IOException, TraceFormatException {
        StringBuilder offsets = new StringBuilder();
        try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            long offset = 0;
            for (Trace trace : traces) {
                offsets.append(offset).append(' ').append(trace.events().size()).append('\n');
                ObjectNode header = normalized(trace.header().json());
                checkTlcIntegers(header, trace.files().isEmpty() ? Path.of("trace") : trace.files().get(0), 1, "header");
                offset += writeLine(w, header);
                for (TraceLine line : trace.events()) {
                    ObjectNode event = normalized(line.json());
                    checkTlcIntegers(event, line.file(), line.line(), "");
                    offset += writeLine(w, event);
                }
            }
        }
        Files.writeString(index, offsets, StandardCharsets.UTF_8);
    }

    /** Writes {@code json} and a line end; returns the bytes written. */
    private static int writeLine(OutputStream w, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        w.write(bytes);
        w.write('\n');
        return bytes.length + 1;
    }

    /** A header or event as TLC gets it: without what the spec does not read (source; lc and t, order is settled). */
    private static ObjectNode normalized(ObjectNode json) {
        ObjectNode copy = json.deepCopy();
        copy.remove(List.of("source", "lc", "t"));
        return copy;
    }

    private static void checkTlcIntegers(JsonNode node, Path file, int line, String field) throws TraceFormatException {
        if (node.isIntegralNumber() && (node.longValue() > TLC_MAX_INT || node.longValue() < 0)) {
            throw new TraceFormatException(file, line, field,
                    node + " is beyond " + TLC_MAX_INT + ", the largest integer TLC handles");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                checkTlcIntegers(f.getValue(), file, line, field.isEmpty() ? f.getKey() : field + "." + f.getKey());
            }
        } else if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                checkTlcIntegers(node.get(k), file, line, field + "[" + k + "]");
            }
        }
    }

    private static void runTlc(Path work, Path input, Path index, Path verdicts, Options options)
            throws ValidationException {
        TlcFork.check(work, SPEC_MODULE, options, List.of(
                "-D" + TraceInputOverrides.INPUT_PROPERTY + "=" + input.toAbsolutePath(),
                "-D" + TraceInputOverrides.INDEX_PROPERTY + "=" + index.toAbsolutePath(),
                "-D" + TraceInputOverrides.VERDICT_PROPERTY + "=" + verdicts.toAbsolutePath()));
    }

    private static List<Verdict> readVerdicts(List<Trace> traces, Path verdicts) throws ValidationException {
        Map<Integer, JsonNode> best = new HashMap<>();
        try {
            if (Files.exists(verdicts)) {
                for (String line : Files.readAllLines(verdicts, StandardCharsets.UTF_8)) {
                    JsonNode v = JSON.readTree(line);
                    int t = v.get("trace").asInt();
                    JsonNode old = best.get(t);
                    // Accepted wins; otherwise the rejection that got furthest (there is one per trace, as the
                    // search is a line, but a spec without the VIEW could branch).
                    if (old == null || (!isAccepted(old) && (isAccepted(v) || v.get("event").asInt() > old.get("event").asInt()))) {
                        best.put(t, v);
                    }
                }
            }
        } catch (IOException e) {
            throw new ValidationException("cannot read the verdicts in " + verdicts + ": " + e.getMessage(), e);
        }
        List<Verdict> out = new ArrayList<>();
        for (int t = 1; t <= traces.size(); t++) {
            Trace trace = traces.get(t - 1);
            JsonNode v = best.get(t);
            if (v == null) {
                throw new ValidationException("TLC finished without a verdict for trace " + t + " (" + trace.files() + ")");
            }
            if (isAccepted(v)) {
                out.add(new Verdict(true, trace.events().size(), 0, null, "", v.get("state"), v.path("peakHeapBytes").asLong(),
                        v.path("retainedHeapBytes").asLong()));
            } else {
                int k = v.get("event").asInt();
                TraceLine event = trace.events().get(k - 1);
                if (!Objects.equals(event.action(), v.get("action").asText())) {
                    throw new ValidationException("TLC's verdict names " + v.get("action") + " at event " + k
                            + " but the trace has " + event.action());
                }
                out.add(new Verdict(false, trace.events().size(), k, event, v.get("reason").asText(), v.get("state"),
                        v.path("peakHeapBytes").asLong(), v.path("retainedHeapBytes").asLong()));
            }
        }
        return out;
    }

    private static boolean isAccepted(JsonNode v) {
        return "accepted".equals(v.get("verdict").asText());
    }
}
