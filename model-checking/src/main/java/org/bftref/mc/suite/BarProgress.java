package org.bftref.mc.suite;

import java.io.PrintStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.tlc.ModelRun;
import org.bftref.mc.tlc.TlcOutputAnalyzer;

/**
 * A live progress bar per model on a terminal. TLC cannot know the size of the state space in advance, so
 * the bar is indefinite and counts distinct states; TLC reports them once a minute.
 */
public final class BarProgress implements SuiteListener {

    private final PrintStream out;
    private ProgressBar bar;

    public BarProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(ModelEntry model, ModelRun run, int index, int total) {
        out.println("[" + index + "/" + total + "] " + model.name() + ": TLC started (" + PlainProgress.describe(run) + ")");
        bar = new ProgressBarBuilder()
                .setTaskName(model.name())
                .setInitialMax(-1)
                .setUnit(" distinct", 1)
                .setUpdateIntervalMillis(1000)
                .continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public void progress(ModelEntry model, TlcOutputAnalyzer.Progress p) {
        if (bar != null) {
            bar.stepTo(p.distinct());
            bar.setExtraMessage(PlainProgress.progressLine(p));
        }
    }

    @Override
    public void finished(ModelReport report, int index, int total) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println("[" + index + "/" + total + "] " + report.name() + ": " + PlainProgress.finishedLine(report));
    }
}
