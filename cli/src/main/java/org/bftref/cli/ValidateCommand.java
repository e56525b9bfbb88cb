package org.bftref.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceFormatException;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.itf.ItfFormatException;
import org.bftref.trace.itf.ItfReader;
import org.bftref.trace.itf.ItfValue;
import org.bftref.trace.validate.ItfVerdict;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.ValidationException;
import org.bftref.trace.validate.Verdict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bftref validate}: one trace (one file, or one per replica) checked against TracePBFT.tla by TLC. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Checks a trace of PBFT protocol steps against the TLA+ spec spec/pbft/TracePBFT.tla with TLC, and "
                        + "prints the verdict: accepted, or rejected at event k with the file and line, the action "
                        + "the event claimed, the first of its checks that failed, and the last state that matched.",
                "The format is trace-validation/FORMAT.md. Several files are one trace whose replicas logged "
                        + "separately; their events carry Lamport clocks (lc) and are merged.",
                "",
                "With --itf, the input is instead an ITF trace (Apalache/Quint's Informal Trace Format: complete "
                        + "states) of spec/pbft/PBFT.tla, checked by spec/pbft/ITFPBFT.tla: Init on state 0, TypeOK on "
                        + "every state, PBFT's Next on every step; a rejection names the state, the action the step "
                        + "looks like and the condition that fails. PBFT.tla's constants come from --constant, the "
                        + "trace's params, or its \"#meta\": {\"constants\": ...} (trace-validation/README.md, ITF input).",
                "",
                "Examples:",
                "  ./bftref simulate --seed 7 --byzantine EQUIVOCATE --trace out.ndjson && ./bftref validate out.ndjson",
                "  ./bftref validate --json replica0.ndjson replica1.ndjson replica2.ndjson",
                "  ./bftref validate --itf trace.itf.json --constant N=4 --constant 'Byz={\"#set\":[{\"#bigint\":\"3\"}]}'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:accepted",
                "1:rejected",
                "2:bad input: a file that is missing or not a valid trace (one line names the file, line and field; "
                        + "for --itf the file, state and JSON pointer)",
                "4:TLC could not reach a verdict (its error is printed, with the path of its log)",
                "9:internal error"})
public final class ValidateCommand implements Callable<Integer> {

    static final int REJECTED = 1;
    static final int BAD_INPUT = 2;
    static final int NO_VERDICT = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", description = "the spec to validate against; only pbft for now (default: ${DEFAULT-VALUE})")
    String protocol = "pbft";

    @Option(names = "--json", description = "print the verdict as one JSON object")
    boolean json;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where TLC's files go (default: a temporary directory)")
    Path workDirectory;

    @Option(names = "--itf", paramLabel = "FILE", description = "validate an ITF trace (complete states) of PBFT.tla instead")
    Path itf;

    @Option(names = "--constant", paramLabel = "NAME=VALUE", description = "with --itf: a constant of PBFT.tla (N, F, Byz, "
            + "Values, NoOp, MaxView, MaxSeq) as an ITF value, or an integer; overrides the file's")
    List<String> constants = List.of();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "the trace file(s)")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!"pbft".equals(protocol)) {
            err.println("bftref validate: --protocol: unknown protocol '" + protocol + "' (known: pbft)");
            return BAD_INPUT;
        }
        if (itf != null || files.isEmpty()) {
            return itf != null && files.isEmpty() ? validateItf(out, err)
                    : badUsage(err, itf == null ? "give the trace file(s), or --itf FILE"
                            : "--itf FILE takes no other trace files");
        }
        Verdict verdict;
        try {
            Trace trace = TraceReader.read(files);
            long start = System.nanoTime();
            int total = trace.events().size();
            err.printf("bftref validate: %,d events from %d file(s); checking them against TracePBFT.tla with TLC%n",
                    total, files.size());
            err.flush();
            verdict = TraceValidator.validate(trace, TraceValidator.Options.defaults().withWorkDirectory(workDirectory)
                    .withProgress(progress(err, String.format("of %,d events", total))));
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(java.util.Locale.ROOT, "bftref validate: done in %.1f s (%,.0f events/s including TLC's start)%n",
                    seconds, total / Math.max(seconds, 1e-3));
            err.flush();
        } catch (TraceFormatException e) {
            err.println("bftref validate: " + e.getMessage());
            return BAD_INPUT;
        } catch (ValidationException e) {
            err.println("bftref validate: no verdict: " + e.getMessage());
            return NO_VERDICT;
        }
        out.println(json ? verdict.json().toString() : verdict.text());
        out.flush();
        return verdict.accepted() ? 0 : REJECTED;
    }

    /**
     * Prints TLC's progress, which it reports once a minute as distinct states: one per event (or ITF state)
     * matched, plus the initial one.
     */
    private static java.util.function.LongConsumer progress(PrintWriter err, String what) {
        java.util.concurrent.atomic.AtomicLong shown = new java.util.concurrent.atomic.AtomicLong(-1);
        return states -> {
            if (shown.getAndSet(states) == states) {
                return; // TLC repeats its last count in the final statistics
            }
            err.printf("bftref validate: %,d %s checked%n", Math.max(0, states - 1), what);
            err.flush();
        };
    }

    private static int badUsage(PrintWriter err, String message) {
        err.println("bftref validate: " + message);
        return BAD_INPUT;
    }

    private int validateItf(PrintWriter out, PrintWriter err) {
        ItfVerdict verdict;
        try {
            Map<String, ItfValue> given = new LinkedHashMap<>();
            for (String c : constants) {
                int eq = c.indexOf('=');
                if (eq <= 0) {
                    return badUsage(err, "--constant " + c + ": expected NAME=VALUE");
                }
                String value = c.substring(eq + 1).strip();
                // An integer may be written plainly; anything else is an ITF value in JSON.
                given.put(c.substring(0, eq).strip(), value.matches("-?\\d{1,10}")
                        ? new ItfValue.Int(new java.math.BigInteger(value))
                        : ItfReader.value(null, parseJson(c.substring(0, eq), value), "--constant " + c.substring(0, eq)));
            }
            long start = System.nanoTime();
            // Nothing is printed before the file is read, so that bad input stays one line on stderr.
            verdict = TraceValidator.validateItf(itf, given,
                    TraceValidator.Options.defaults().withWorkDirectory(workDirectory)
                            .withProgress(progress(err, "steps of the ITF trace")));
            err.printf(java.util.Locale.ROOT, "bftref validate: done in %.1f s (including TLC's start)%n",
                    (System.nanoTime() - start) / 1e9);
            err.flush();
        } catch (ItfFormatException e) {
            err.println("bftref validate: " + e.getMessage());
            return BAD_INPUT;
        } catch (ValidationException e) {
            err.println("bftref validate: no verdict: " + e.getMessage());
            return NO_VERDICT;
        }
        out.println(json ? verdict.json().toString() : verdict.text());
        out.flush();
        return verdict.accepted() ? 0 : REJECTED;
    }

    private static com.fasterxml.jackson.databind.JsonNode parseJson(String name, String value) throws ItfFormatException {
        try {
            com.fasterxml.jackson.databind.JsonNode node = new ObjectMapper().readTree(value);
            if (node == null || node.isMissingNode()) {
                throw new ItfFormatException(null, -1, "", "--constant " + name + ": no value");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ItfFormatException(null, -1, "", "--constant " + name + ": not an integer or ITF JSON value: "
                    + e.getOriginalMessage());
        }
    }
}
