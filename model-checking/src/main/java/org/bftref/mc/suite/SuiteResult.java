package org.bftref.mc.suite;

import java.util.List;

/** The reports of one suite, in run order. */
public record SuiteResult(String suite, List<ModelReport> models) {

    public SuiteResult {
        models = List.copyOf(models);
    }

    public boolean allAsExpected() {
        return models.stream().allMatch(m -> m.verdict() == Verdict.OK);
    }
}
