package org.bftref.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.bftref.impl.trace.TraceFormat;
import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.ValidationException;
import org.bftref.trace.validate.Verdict;

/**
 * Trace validation speed: one long simulated run (n=4, an equivocating primary, so view changes happen), whose
 * trace is cut to prefixes of growing length (a prefix of an accepted trace is a valid trace), each validated in
 * its own TLC run. Reports events/s, time per event (linear cost keeps it flat), TLC's peak heap (garbage
 * included, so mostly the young generation's size) and the most heap TLC had in use after a garbage collection
 * (what it keeps: bounded memory keeps it flat), against the first row; then the same check with the trace as a
 * generated TLA+ module.
 */
final class ValidationBench {

    private ValidationBench() {
    }

    static void run(PrintWriter out, boolean quick) throws Exception {
        List<Integer> sizes = quick ? List.of(1_000, 10_000) : List.of(1_000, 10_000, 100_000);
        int largest = sizes.get(sizes.size() - 1);
        Path dir = Files.createTempDirectory("bftref-bench-validate-");
        out.printf("trace validation (n=4, equivocating primary, batch 1, checkpoints every 8, window 32)%n");
        out.flush();
        // About ten events per request at n=4; ask for enough requests, then cut.
        int requests = largest / 8;
        Scenario scenario = Scenario.defaults(42, 4).withByzantine(0, Strategy.EQUIVOCATE).withClients(4, requests / 4)
                .withBatchSizeMax(1).withCheckpoints(8, 32).withLimits(10_000_000, 50_000_000).withRecordTrace(true);
        long simStart = System.nanoTime();
        SimulationResult result = Simulator.run(scenario);
        List<String> lines = result.traceLines();
        out.printf(Locale.ROOT, "  simulated %d events (%d view changes) in %.1f s%n", lines.size() - 1,
                result.viewChanges(), (System.nanoTime() - simStart) / 1e9);
        if (lines.size() - 1 < largest) {
            throw new IllegalStateException("the run gave only " + (lines.size() - 1) + " events");
        }
        out.printf("  %-9s %10s %12s %10s %12s %8s %14s %18s %8s%n", "events", "read ms", "validate ms", "events/s",
                "us/event", "ratio", "TLC peak heap", "TLC heap after GC", "ratio");
        double firstPerEvent = 0;
        double firstRetained = 0;
        List<Trace> traces = new ArrayList<>();
        for (int size : sizes) {
            Path file = dir.resolve("trace-" + size + ".ndjson");
            TraceFormat.writeFile(file, lines.subList(0, size + 1));
            long readStart = System.nanoTime();
            Trace trace = TraceReader.read(file);
            long readMillis = (System.nanoTime() - readStart) / 1_000_000;
            traces.add(trace);
            long start = System.nanoTime();
            Verdict v = TraceValidator.validate(trace, TraceValidator.Options.defaults().withWorkDirectory(dir.resolve("tlc-" + size))
                    .withHeapMeasured());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!v.accepted()) {
                throw new IllegalStateException("the benchmark's own trace was rejected: " + v.text());
            }
            double perEvent = seconds * 1e6 / size;
            double heapMiB = v.peakHeapBytes() / (1024.0 * 1024.0);
            double retainedMiB = v.retainedHeapBytes() / (1024.0 * 1024.0);
            if (firstPerEvent == 0) {
                firstPerEvent = perEvent;
                firstRetained = retainedMiB;
            }
            out.printf(Locale.ROOT, "  %-9d %10d %12.0f %10.0f %12.1f %8.2f %10.0f MiB %14.0f MiB %8.2f%n", size,
                    readMillis, seconds * 1000, size / seconds, perEvent, perEvent / firstPerEvent, heapMiB, retainedMiB,
                    retainedMiB / firstRetained);
            out.flush();
        }
        out.printf("  (validate ms includes TLC's start, about a second; events/s counts it too)%n");
        out.printf("%n  the same traces as a generated TLA+ module (TLC parses the trace as literals), limit 120 s:%n");
        for (int k = 0; k < traces.size(); k++) {
            Path work = dir.resolve("generated-" + sizes.get(k));
            long started = System.nanoTime();
            long millis;
            String outcome;
            try {
                millis = TraceValidator.generatedModuleMillis(traces.get(k), work, 120_000);
                outcome = millis < 0 ? "did not finish within 120 s"
                        : String.format(Locale.ROOT, "%d ms (%.0f events/s)", millis, sizes.get(k) * 1000.0 / millis);
            } catch (ValidationException e) {
                // The whole trace is one TLA+ literal in TLC's heap (-Xmx2g, as for our validator): at 100,000
                // events TLC can run out of memory before the time limit. That is a result, not a bench failure.
                millis = -1;
                String log = Files.exists(work.resolve("tlc.log")) ? Files.readString(work.resolve("tlc.log")) : "";
                outcome = String.format(Locale.ROOT, "stopped after %.0f s: %s", (System.nanoTime() - started) / 1e9,
                        log.contains("GC overhead limit exceeded") || log.contains("OutOfMemoryError")
                                ? "TLC ran out of heap (-Xmx2g) holding the trace as a TLA+ value" : e.getMessage());
            }
            out.printf(Locale.ROOT, "  %-9d %s%n", sizes.get(k), outcome);
            out.flush();
            if (millis < 0) {
                break; // longer traces will not finish either
            }
        }
    }
}
