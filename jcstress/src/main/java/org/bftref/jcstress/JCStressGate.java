package org.bftref.jcstress;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;

/**
 * Runs jcstress with the given options (the same as {@code java -jar jcstress.jar}) and turns its verdict into an
 * exit code the build can trust.
 *
 * <p>Why not jcstress's own Main: in 0.16 a run whose tests FAILED (a FORBIDDEN outcome seen) or ERRORed does end
 * with a non-zero exit, but only because the last report printer throws an AssertionError out of main. A run in
 * which nothing matched, no JVM configuration worked, or a test was never scheduled (a test with more actors
 * than the machine has CPUs is silently skipped) exits 0. So the gate checks, after the run, that every test of
 * the selection has results and that each of them passed, and exits:
 * <ul>
 *   <li>0: every selected test ran, and every result passed;</li>
 *   <li>1: some test FAILED (a FORBIDDEN outcome) or ended in an error (an exception in an actor, a crashed or
 *       timed-out fork);</li>
 *   <li>2: bad options (jcstress printed what is wrong);</li>
 *   <li>3: some selected test has no results (not scheduled, or the run ended early), or nothing was selected;</li>
 *   <li>4: the harness itself failed (it could not write or read its results file).</li>
 * </ul>
 * The HTML report is written by jcstress to the {@code -r} directory either way.
 */
public final class JCStressGate {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_OPTIONS = 2;
    static final int NOT_RUN = 3;
    static final int HARNESS_ERROR = 4;

    private JCStressGate() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        if (!options.parse()) {
            System.exit(BAD_OPTIONS); // jcstress has printed the error and the usage
        }
        if (options.shouldList() || options.shouldParse()) {
            org.openjdk.jcstress.Main.main(args); // nothing to gate
            return;
        }
        System.exit(run(options));
    }

    static int run(Options options) {
        JCStress jcstress = new JCStress(options);
        SortedSet<String> selected = jcstress.getTests();
        if (selected.isEmpty()) {
            System.err.println("jcstress gate: no test matches " + options.getTestFilter());
            return NOT_RUN;
        }
        long started = System.nanoTime();
        String harnessVerdict = null;
        try {
            jcstress.run();
        } catch (AssertionError e) {
            // jcstress's ExceptionReportPrinter: "TEST FAILURES: ..." after the reports are written. The results
            // are still read below, so the summary names every test that failed.
            harnessVerdict = String.valueOf(e.getMessage()).trim();
        } catch (Exception e) {
            System.err.println("jcstress gate: the harness failed: " + e);
            return HARNESS_ERROR;
        }
        List<TestResult> results;
        try {
            results = read(options.getResultFile());
        } catch (FileNotFoundException e) {
            System.err.println("jcstress gate: no results file " + options.getResultFile()
                    + ": jcstress ran nothing (see its output above)");
            return NOT_RUN;
        } catch (IOException | ClassNotFoundException e) {
            System.err.println("jcstress gate: cannot read " + options.getResultFile() + ": " + e);
            return HARNESS_ERROR;
        }
        return verdict(selected, results, harnessVerdict, (System.nanoTime() - started) / 1_000_000_000.0);
    }

    private static List<TestResult> read(String file) throws IOException, ClassNotFoundException {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(file, collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        return new ArrayList<>(collector.getTestResults());
    }

    private static int verdict(SortedSet<String> selected, List<TestResult> results, String harnessVerdict,
                               double seconds) {
        TreeMap<String, List<String>> failures = new TreeMap<>();
        SortedSet<String> ran = new TreeSet<>();
        for (TestResult r : results) {
            ran.add(r.getName());
            if (r.status() != Status.NORMAL) {
                failures.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add("ERROR " + r.status()
                        + (r.getMessages().isEmpty() ? "" : ": " + r.getMessages().get(0)));
            } else if (!r.grading().isPassed) {
                failures.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add("FAILED "
                        + String.join("; ", r.grading().failureMessages).replace('\n', ' ').trim());
            }
        }
        SortedSet<String> missing = new TreeSet<>(selected);
        missing.removeAll(ran);
        System.out.printf("jcstress gate: %d tests selected, %d ran (%d results), %d failed, %d without results, %.0f s%n",
                selected.size(), ran.size(), results.size(), failures.size(), missing.size(), seconds);
        failures.forEach((test, why) -> System.out.println("  FAILED " + test + ": " + why.get(0)));
        missing.forEach(test -> System.out.println("  NOT RUN " + test
                + " (more actors than CPUs, or the run stopped early)"));
        if (!failures.isEmpty()) {
            return FAILED;
        }
        if (harnessVerdict != null) {
            // jcstress saw a failure the results file does not show: trust the stricter of the two.
            System.out.println("  jcstress: " + harnessVerdict.lines().findFirst().orElse(""));
            return FAILED;
        }
        return missing.isEmpty() ? PASSED : NOT_RUN;
    }
}
