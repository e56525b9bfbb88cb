package org.bftref.mc.suite;

import java.io.PrintStream;
import java.util.Locale;

import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.tlc.ModelRun;
import org.bftref.mc.tlc.TlcOutputAnalyzer;

/** One line per event, for logs and CI (stdout is not a terminal). */
public final class PlainProgress implements SuiteListener {

    private final PrintStream out;
    private String prefix = "";

    public PlainProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(ModelEntry model, ModelRun run, int index, int total) {
        prefix = "[" + index + "/" + total + "] " + model.name() + ": ";
        out.println(prefix + "TLC started (" + describe(run) + ")");
    }

    @Override
    public void progress(ModelEntry model, TlcOutputAnalyzer.Progress p) {
        out.println(prefix + progressLine(p));
    }

    @Override
    public void finished(ModelReport report, int index, int total) {
        out.println(prefix + finishedLine(report));
    }

    static String describe(ModelRun run) {
        return run.distributed()
                ? run.distWorkers() + " worker JVMs x " + run.workers() + " threads, heap " + run.heap()
                : run.workers() + " worker" + (run.workers() == 1 ? "" : "s") + ", heap " + run.heap();
    }

    static String progressLine(TlcOutputAnalyzer.Progress p) {
        String rate = p.statesPerMinute() == null ? "" : String.format(Locale.ROOT, ", %,d states/s", p.statesPerMinute() / 60);
        return String.format(Locale.ROOT, "%,d states, %,d distinct%s, queue %,d, depth %d",
                p.generated(), p.distinct(), rate, p.queue(), p.depth());
    }

    static String finishedLine(ModelReport r) {
        String result = switch (r.outcome()) {
            case "pass" -> String.format(Locale.ROOT, "pass, %,d distinct, depth %s", r.distinct(), r.depth());
            case "violation" -> ("deadlock".equals(r.kind()) ? "deadlock" : r.kind()
                    + (r.violated() == null ? "" : " " + r.violated()) + " violated") + ", "
                    + Comparison.states(r.counterexampleLength()) + " -> " + r.counterexample();
            default -> "error: " + r.message();
        };
        return r.verdict() + " " + result + " (" + Report.duration(r.wallSeconds()) + ")"
                + (r.reason() == null || r.verdict() == Verdict.OK || "error".equals(r.outcome()) ? "" : "; " + r.reason());
    }
}
