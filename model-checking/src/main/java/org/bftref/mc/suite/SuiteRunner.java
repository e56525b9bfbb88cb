package org.bftref.mc.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.tlc.ModelFacts;
import org.bftref.mc.tlc.ModelRun;
import org.bftref.mc.tlc.Outcome;
import org.bftref.mc.tlc.TlcResult;
import org.bftref.mc.tlc.TlcRunner;
import org.bftref.mc.tlc.Workspace;

/** Runs models one after another (each TLC uses every core it is given) and compares each with the manifest. */
public final class SuiteRunner {

    /** The suite cannot run as asked; nothing was run. */
    public static final class RefusedException extends Exception {
        public RefusedException(String message) {
            super(message);
        }
    }

    private final TlcRunner runner;
    private final SuiteListener listener;
    private final CounterexampleWriter counterexamples = new CounterexampleWriter();

    public SuiteRunner(TlcRunner runner, SuiteListener listener) {
        this.runner = runner;
        this.listener = listener;
    }

    public SuiteResult run(String suite, List<ModelEntry> models, SuiteOptions options) throws RefusedException {
        List<ModelRun> runs = models.stream().map(m -> toRun(m, options)).toList();
        if (options.distWorkers() > 0) {
            refuseLiveness(runs);
        }
        List<ModelReport> reports = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelEntry model = models.get(i);
            ModelRun run = runs.get(i);
            listener.started(model, run, i + 1, models.size());
            TlcResult result = runner.run(run, progress -> listener.progress(model, progress));
            ModelReport report = report(model, run, result);
            reports.add(report);
            listener.finished(report, i + 1, models.size());
            if (result.outcome() instanceof Outcome.Failure f && f.kind() == org.bftref.mc.tlc.FailureKind.INTERRUPTED) {
                break;
            }
        }
        return new SuiteResult(suite, reports);
    }

    /**
     * Distributed TLC silently skips liveness checking, so a model with temporal properties would "pass"
     * without having been checked. Refuse before running anything.
     */
    private void refuseLiveness(List<ModelRun> runs) throws RefusedException {
        List<String> refused = new ArrayList<>();
        for (ModelRun run : runs) {
            if (runner.missingFile(run).isPresent()) {
                continue; // reported as that model's error when it runs
            }
            Optional<ModelFacts> facts = runner.inspect(run);
            if (facts.isPresent() && facts.get().checksLiveness()) {
                refused.add(run.name() + " (" + String.join(", ", facts.get().impliedTemporals()) + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new RefusedException("--distributed refused: distributed TLC cannot check liveness, and "
                    + String.join(", ", refused) + (refused.size() > 1 ? " have" : " has")
                    + " temporal properties; run " + (refused.size() > 1 ? "them" : "it") + " without --distributed");
        }
    }

    static ModelRun toRun(ModelEntry model, SuiteOptions options) {
        int workers = model.workersIfSet().orElse(options.defaultWorkers());
        String heap = options.heap() != null ? options.heap()
                : model.heap() != null ? model.heap() : SuiteOptions.DEFAULT_HEAP;
        Duration timeout = model.timeoutSeconds() != null ? Duration.ofSeconds(model.timeoutSeconds())
                : SuiteOptions.DEFAULT_TIMEOUT;
        return new ModelRun(model.name(), model.module(), model.config(), workers, heap,
                model.tlcArgs() == null ? List.of() : model.tlcArgs(), timeout, options.distWorkers());
    }

    private ModelReport report(ModelEntry model, ModelRun run, TlcResult result) {
        Workspace ws = runner.workspace();
        String module = ws.display(ws.modelsDir().resolve(model.module() + ".tla"));
        String config = ws.display(ws.modelsDir().resolve(model.config()));
        String rawOutput = result.rawOutput() == null ? null : ws.display(result.rawOutput());
        Comparison comparison = Comparison.of(model.expect(), result.outcome(), result.stats(), run.distributed());
        String kind = null;
        String violated = null;
        String message = null;
        Integer length = null;
        String counterexample = null;
        if (result.outcome() instanceof Outcome.Violation v) {
            kind = v.kind().id();
            violated = v.violated();
            length = v.counterexample().length();
            Path file = counterexamples.write(ws.targetDir().resolve("counterexamples"), model, module, config, v,
                    rawOutput);
            counterexample = ws.display(file);
        } else if (result.outcome() instanceof Outcome.Failure f) {
            kind = f.kind().id();
            message = f.message();
        }
        return new ModelReport(model.name(), model.description(), module, config, model.expect(),
                result.outcome().label(), kind, violated, message, comparison.verdict(),
                comparison.reason().isEmpty() ? null : comparison.reason(),
                result.stats().generated(), result.stats().distinct(), result.stats().depth(),
                result.wallTime().toMillis() / 1000.0, run.workers(),
                run.distributed() ? run.distWorkers() : null, length, counterexample, rawOutput);
    }
}
