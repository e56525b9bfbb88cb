package org.bftref.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.impl.core.Config;
import org.bftref.impl.sim.InvalidScenarioException;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.bftref.impl.trace.TraceFormat;
import org.bftref.mc.manifest.Manifest;
import org.bftref.mc.manifest.ManifestException;
import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.suite.BarProgress;
import org.bftref.mc.suite.ModelReport;
import org.bftref.mc.suite.PlainProgress;
import org.bftref.mc.suite.Report;
import org.bftref.mc.suite.SuiteListener;
import org.bftref.mc.suite.SuiteOptions;
import org.bftref.mc.suite.SuiteResult;
import org.bftref.mc.suite.SuiteRunner;
import org.bftref.mc.tlc.TlcRunner;
import org.bftref.mc.tlc.Workspace;
import org.bftref.report.CounterexampleFile;
import org.bftref.report.HtmlReport;
import org.bftref.report.ModelCheckingRow;
import org.bftref.report.RenderException;
import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceFormatException;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.mutate.TraceMutator;
import org.bftref.trace.mutate.TraceMutator.Kind;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.ValidationException;
import org.bftref.trace.validate.Verdict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bftref demo}: the three uses of bftref in one run, each step a call into the same code the other
 * subcommands use.
 *
 * <ol>
 *   <li>Model checking: the quick safe PBFT model passes; the n = 3f model breaks Agreement, and its
 *       counterexample is printed with the reason (quorums that meet only in the faulty replica).</li>
 *   <li>Simulation: the Java PBFT with a Byzantine primary (by default an equivocating replica 0); the
 *       honest replicas change view. The trace is written in format v1.</li>
 *   <li>Validation of that trace against TracePBFT.tla: accepted.</li>
 *   <li>A copy of the trace with one event broken (the first Execute now cites a COMMIT certificate one
 *       vote short of a quorum): rejected at exactly that event. Both traces go through one TLC run.</li>
 *   <li>An HTML report (org.bftref.report.HtmlReport): the table, the counterexample, the run and both verdicts
 *       as sequence diagrams, in one file that loads nothing from the network.</li>
 * </ol>
 *
 * The narrative goes to stdout, progress to stderr. Every step's outcome is compared with what it should be;
 * the exit code says whether all were as expected.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Runs the whole story end to end and prints it: model checking (a safe model passes, the n = 3f "
                        + "model fails with its counterexample), a simulation with a Byzantine primary and a view "
                        + "change, validation of its trace (accepted), and of a copy with one event broken "
                        + "(rejected at that event), and one self-contained HTML report with sequence diagrams. Writes the files into --out.",
                "",
                "Examples:",
                "  ./bftref demo",
                "  ./bftref demo --seed 3 --byzantine 0=DOUBLE_VOTE",
                "  ./bftref demo --n 7 --byzantine 0=EQUIVOCATE --byzantine 3=SILENT --json",
                "  ./bftref demo --skip-model-checking       (simulation and validation only)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every step gave the expected result",
                "1:some step did not: a model drifted, the run did not complete, its trace was rejected, or the "
                        + "broken trace was accepted",
                "2:bad options (one line names the option)",
                "4:TLC gave no verdict on the traces",
                "9:internal error"})
public final class DemoCommand implements Callable<Integer> {

    static final int UNEXPECTED = 1;
    static final int BAD_INPUT = 2;
    static final int NO_VERDICT = 4;

    /** The quick safe model and the negative model the demo checks. */
    static final String SAFE_MODEL = "PBFT-Small";
    static final String NEGATIVE_MODEL = "NEG-PBFT-N3F1";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--n", description = "replicas in the simulation (default: ${DEFAULT-VALUE})")
    int n = 4;

    @Option(names = "--f", description = "faults tolerated in the simulation (default: (n-1)/3)")
    Integer f;

    @Option(names = "--seed", description = "seed of the simulation (default: ${DEFAULT-VALUE})")
    long seed = 7;

    @Option(names = "--byzantine", paramLabel = "[ID=]STRATEGY",
            description = "a faulty replica and its strategy, repeatable, at most f (default: 0=EQUIVOCATE, the primary of view 0)")
    List<String> byzantine = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "where the demo writes its files (default: target/demo)")
    Path out;

    @Option(names = "--skip-model-checking", description = "leave out step 1 (TLC on the two models)")
    boolean skipModelChecking;

    @Option(names = "--json", description = "print one JSON object with every step's result instead of the narrative")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter text = json ? new PrintWriter(PrintWriter.nullWriter()) : spec.commandLine().getOut();
        long start = System.nanoTime();
        Path root = Path.of(System.getProperty("bftref.home", "."));
        Path dir = out != null ? out : root.resolve("target").resolve("demo");

        Scenario scenario;
        try {
            scenario = scenario();
        } catch (IllegalArgumentException e) {
            err.println("bftref demo: " + e.getMessage() + " (see bftref demo --help)");
            return BAD_INPUT;
        }
        Files.createDirectories(dir);
        ObjectNode result = JSON.createObjectNode();
        boolean asExpected = true;
        HtmlReport.Builder report = HtmlReport.builder().title("bftref demo")
                .paragraph(String.format(Locale.ROOT, "Model checking of the quick PBFT models, a simulated run with n=%d, f=%d, "
                        + "seed %d and faulty replicas %s, and the validation of its trace and of a copy with one event broken.",
                        scenario.n(), scenario.f(), scenario.seed(), scenario.byzantine()));
        text.printf("bftref demo: n=%d, f=%d, seed %d, faulty %s; files in %s%n%n", scenario.n(), scenario.f(),
                scenario.seed(), scenario.byzantine(), dir);

        // 1. Model checking.
        if (!skipModelChecking) {
            Workspace workspace = Workspace.ofRepository(root);
            List<ModelEntry> models;
            try {
                Manifest manifest = Manifest.load(workspace.manifest(), workspace.display(workspace.manifest()));
                models = List.of(manifest.byName(SAFE_MODEL).orElseThrow(), manifest.byName(NEGATIVE_MODEL).orElseThrow());
            } catch (ManifestException | java.util.NoSuchElementException e) {
                err.println("bftref demo: cannot read the model manifest: " + e.getMessage());
                return BAD_INPUT;
            }
            text.println("1. Model checking the PBFT spec with TLC");
            text.flush();
            SuiteListener progress = System.console() != null ? new BarProgress(System.err) : new PlainProgress(System.err);
            SuiteResult checked;
            try {
                checked = new SuiteRunner(new TlcRunner(workspace), progress)
                        .run("demo", models, new SuiteOptions(SuiteOptions.DEFAULT_WORKERS, null, 0));
            } catch (SuiteRunner.RefusedException e) {
                err.println("bftref demo: " + e.getMessage());
                return BAD_INPUT;
            }
            Report.write(checked, workspace.targetDir());
            result.set("modelChecking", JSON.readTree(Report.json(checked)));
            asExpected &= checked.allAsExpected();
            List<ModelCheckingRow> rows = new ArrayList<>();
            for (ModelReport m : checked.models()) {
                text.printf("   %-15s %s%n", m.name(), describe(m));
                rows.add(ModelCheckingRow.of(m));
            }
            report.modelChecking(rows);
            ModelReport negative = checked.models().get(1);
            if (negative.counterexample() != null) {
                text.println();
                wrap(text, "   ", "Why " + NEGATIVE_MODEL + " fails: three replicas tolerating one fault wait for n - f = 2 "
                        + "answers. The quorums {0,1} and {0,2} meet only in replica 0, the faulty primary: it "
                        + "pre-prepares a to replica 1 and b to replica 2 and votes for both, so each honest replica "
                        + "commits a different request at sequence number 1. With n = 3f+1 = 4 two quorums of 3 share "
                        + "two replicas, at least one honest, which is the overlap PBFT's safety rests on. TLC's "
                        + "counterexample (" + negative.counterexample() + "):");
                try {
                    CounterexampleFile cx = CounterexampleFile.read(root.resolve(negative.counterexample()));
                    for (String step : cx.numberedLines()) {
                        text.println("     " + step);
                    }
                    report.counterexample(cx);
                } catch (RenderException e) {
                    text.println("     (cannot read the counterexample: " + e.getMessage() + ")");
                    err.println("bftref demo: the report leaves out the counterexample: " + e.getMessage());
                }
            }
            text.println();
        }

        // 2. Simulation.
        text.println("2. Simulating the Java PBFT with a Byzantine replica");
        SimulationResult run;
        try {
            run = Simulator.run(scenario);
        } catch (InvalidScenarioException e) {
            err.println("bftref demo: " + e.field() + ": " + e.problem().replace("set allowUnsafe", "lower the faulty count"));
            return BAD_INPUT;
        }
        Path tracePath = dir.resolve("trace.ndjson");
        List<String> traceLines = run.traceLines();
        TraceFormat.writeFile(tracePath, traceLines);
        boolean viewChanged = run.viewChanges() > 0;
        asExpected &= run.allClientOpsCompleted() && viewChanged;
        for (String line : run.summary().split("\n")) {
            text.println("   " + line);
        }
        text.printf("   %s; trace: %s (%d events)%n%n", viewChanged
                ? "the honest replicas changed view, as the faulty primary made them"
                : "no view change in this run (this strategy or seed did not force one)", tracePath, traceLines.size() - 1);
        ObjectNode sim = result.putObject("simulation");
        sim.put("completed", run.allClientOpsCompleted()).put("decisions", run.decisions())
                .put("viewChanges", run.viewChanges()).put("trace", tracePath.toString())
                .put("events", traceLines.size() - 1).put("virtualMillis", run.endMillis());

        addSimulation(report, String.format(Locale.ROOT, "n=%d, seed %d, faulty %s: %d view change(s)", scenario.n(),
                scenario.seed(), scenario.byzantine(), run.viewChanges()), tracePath, err);

        // 3 and 4. Validation of the trace and of a copy with one event broken, in one TLC run.
        Path brokenPath = dir.resolve("trace-broken.ndjson");
        Broken broken;
        text.println("3. Validating the trace against spec/pbft/TracePBFT.tla (TLC)");
        List<Verdict> verdicts;
        long validationStart = System.nanoTime();
        try {
            List<Trace> traces = new ArrayList<>();
            traces.add(TraceReader.read(List.of(tracePath)));
            broken = breakOneEvent(traces.get(0), traceLines);
            TraceFormat.writeFile(brokenPath, broken == null ? traceLines : broken.lines());
            if (broken != null) {
                traces.add(TraceReader.read(List.of(brokenPath)));
            }
            verdicts = TraceValidator.validateAll(traces, TraceValidator.Options.defaults().withWorkDirectory(dir.resolve("tlc")));
        } catch (TraceFormatException e) {
            err.println("bftref demo: the simulator wrote a trace the reader refuses: " + e.getMessage());
            return UNEXPECTED;
        } catch (ValidationException e) {
            err.println("bftref demo: no verdict: " + e.getMessage());
            return NO_VERDICT;
        }
        double validationSeconds = (System.nanoTime() - validationStart) / 1e9;
        Verdict accepted = verdicts.get(0);
        asExpected &= accepted.accepted();
        text.println("   " + accepted.text().replace("\n", "\n   "));
        text.printf("   (both traces in one TLC run: %.1f s)%n%n", validationSeconds);
        result.set("validation", accepted.json());
        addValidation(report, "the simulated trace", tracePath, accepted, err);

        text.println("4. Breaking one event of a copy and validating again");
        if (broken == null) {
            asExpected = false;
            text.println("   the trace has no Execute event to break");
        } else {
            Verdict rejected = verdicts.get(1);
            boolean exact = !rejected.accepted() && rejected.rejectedAt() == broken.event();
            asExpected &= exact;
            text.printf("   %s: event %d (line %d), %s%n", brokenPath, broken.event(), broken.event() + 1, broken.what());
            text.println("   " + rejected.text().replace("\n", "\n   "));
            text.println("   " + (exact ? "rejected at exactly the broken event, as it should be"
                    : "NOT rejected at the broken event: that is a bug in the validator"));
            ObjectNode b = rejected.json();
            b.put("brokenEvent", broken.event()).put("change", broken.what());
            result.set("brokenTrace", b);
            addValidation(report, "a copy with one event broken: " + broken.what(), brokenPath, rejected, err);
        }
        text.println();

        // 5. The HTML report.
        Path html = dir.resolve("report.html");
        try {
            report.write(html);
            text.println("5. The report, one self-contained HTML file with the diagrams: " + html);
            result.put("report", html.toString());
        } catch (IOException | RuntimeException e) {
            asExpected = false;
            err.println("bftref demo: cannot write the report " + html + ": " + e.getMessage());
        }
        text.println();

        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("asExpected", asExpected).put("seconds", Math.round(seconds * 10) / 10.0);
        text.printf("%s in %.1f s.%n", asExpected ? "Every step gave the expected result" : "SOME STEP DID NOT GIVE THE EXPECTED RESULT", seconds);
        text.flush();
        if (json) {
            spec.commandLine().getOut().println(result.toString());
            spec.commandLine().getOut().flush();
        }
        return asExpected ? 0 : UNEXPECTED;
    }

    /** The simulated scenario from the options: the simulator's defaults, with a trace. */
    private Scenario scenario() {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, was " + n);
        }
        int faults = f != null ? f : Config.faultsTolerated(n);
        Map<Integer, Strategy> faulty = SimulateCommand.byzantine(byzantine.isEmpty() ? List.of("0=EQUIVOCATE") : byzantine);
        return Scenario.defaults(seed, n).withSize(n, faults).withByzantine(faulty).withRecordTrace(true);
    }

    /** One line per model: what TLC found against what the manifest expects. */
    private static String describe(ModelReport m) {
        String numbers = m.distinct() == null ? "" : String.format(Locale.ROOT, "%,d distinct states, depth %d, ",
                m.distinct(), m.depth());
        return String.format(Locale.ROOT, "%-38s %s%.1f s  [%s%s]", m.result(), numbers, m.wallSeconds(), m.verdict(),
                m.reason() != null && m.verdict() != org.bftref.mc.suite.Verdict.OK ? ": " + m.reason() : ", as expected");
    }

    /**
     * The trace with its first Execute event broken, or null without one.
     *
     * @param event the 1-based index of the broken event (its line is event + 1: the header is line 1)
     */
    record Broken(List<String> lines, int event, String what) {
    }

    /**
     * Breaks the first Execute with trace-validation's {@link TraceMutator} ({@link Kind#VOTES_BELOW_QUORUM}, keeping
     * the lowest ids): its COMMIT certificate loses votes until it is one short of the n - f (2f+1 when n = 3f+1)
     * that makes a request committed-local. The validator must reject exactly this event. The copy keeps the
     * original header and every other line as the simulator wrote it, so the two files differ in that one line.
     *
     * @param trace the trace read back from {@code lines}, one event per line after the header
     */
    static Broken breakOneEvent(Trace trace, List<String> lines) throws IOException {
        TraceMutator mutator = new TraceMutator(trace);
        for (int k : mutator.targets(Kind.VOTES_BELOW_QUORUM)) {
            ObjectNode original = trace.events().get(k - 1).json();
            if (!"Execute".equals(original.path("action").asText())) {
                continue;
            }
            ObjectNode changed = mutator.votesBelowQuorum(k).orElseThrow().trace().events().get(k - 1).json();
            JsonNode fewer = changed.get("commits");
            int twoF = 2 * trace.header().f();
            String what = "replica " + changed.path("replica").asInt() + "'s Execute of sequence number "
                    + changed.path("n").asLong() + " now cites COMMITs from " + fewer + " instead of "
                    + original.get("commits") + " (" + (fewer.size() == twoF ? "2f = " : "") + fewer.size()
                    + " votes, one short of a quorum)";
            List<String> copy = new ArrayList<>(lines);
            copy.set(k, JSON.writeValueAsString(changed));
            return new Broken(copy, k, what);
        }
        return null;
    }

    /** A part of the report; a part that cannot be drawn is named on stderr and left out, the rest still goes in. */
    private static void addSimulation(HtmlReport.Builder report, String caption, Path trace, PrintWriter err) {
        try {
            report.simulation(caption, trace);
        } catch (RenderException e) {
            err.println("bftref demo: the report leaves out the simulated run: " + e.getMessage());
        }
    }

    private static void addValidation(HtmlReport.Builder report, String caption, Path trace, Verdict verdict, PrintWriter err) {
        try {
            report.validation(caption, trace, verdict);
        } catch (RenderException e) {
            err.println("bftref demo: the report leaves out a verdict: " + e.getMessage());
        }
    }

    /** Prints text as lines of at most 100 characters, each with the indent. */
    private static void wrap(PrintWriter out, String indent, String text) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > 100) {
                out.println(line);
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }
}
