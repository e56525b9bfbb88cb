package org.bftref.mc.suite;

import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.tlc.ModelRun;
import org.bftref.mc.tlc.TlcOutputAnalyzer;

/** Follows a suite as it runs: one start and one end per model, and TLC's progress reports in between. */
public interface SuiteListener {

    void started(ModelEntry model, ModelRun run, int index, int total);

    void progress(ModelEntry model, TlcOutputAnalyzer.Progress progress);

    void finished(ModelReport report, int index, int total);

    SuiteListener SILENT = new SuiteListener() {
        public void started(ModelEntry model, ModelRun run, int index, int total) { }
        public void progress(ModelEntry model, TlcOutputAnalyzer.Progress progress) { }
        public void finished(ModelReport report, int index, int total) { }
    };
}
