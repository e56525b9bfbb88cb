package org.bftref.mc.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.bftref.mc.manifest.Manifest;
import org.bftref.mc.manifest.ModelEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of the real model-checking/manifest.json in the quick suite, through the same runner as
 * {@code bftref check}. A missing or invalid manifest fails this test (the source throws); it never skips.
 */
class QuickSuiteTest {

    static Stream<Arguments> quickModels() throws Exception {
        Manifest manifest = RepositoryModels.manifest();
        List<ModelEntry> quick = manifest.inSuite("quick");
        return quick.stream().map(m -> Arguments.of(m.name(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quickModels")
    void modelGivesTheExpectedResult(String name, ModelEntry model) throws Exception {
        SuiteResult result = new SuiteRunner(RepositoryModels.RUNNER, SuiteListener.SILENT)
                .run("quick", List.of(model), SuiteOptions.defaults());
        ModelReport report = result.models().get(0);
        assertEquals(Verdict.OK, report.verdict(), () -> name + ": " + report.reason() + "\n" + Report.markdown(result));
    }
}
