package org.bftref.mc.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bftref.mc.manifest.Manifest;
import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.tlc.ModelRun;
import org.bftref.mc.tlc.Outcome;
import org.bftref.mc.tlc.TlcResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models only {@code ./bftref check} runs (the full suite) take minutes each, too long for every CI run.
 * CI still makes sure they parse, that their configs fit the spec, and that a few hundred random behaviours
 * of each (TLC's -simulate, fixed seed) break nothing they check, so a spec change that breaks a headline
 * model fails here rather than the next time someone runs the full suite. The exact state counts of these
 * models are checked by {@code ./bftref check} only.
 */
class FullSuiteSmokeTest {

    static Stream<Arguments> fullOnlyModels() throws Exception {
        Manifest manifest = RepositoryModels.manifest();
        return manifest.inSuite("full").stream()
                .filter(m -> !m.inSuite("quick"))
                .map(m -> Arguments.of(m.name(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullOnlyModels")
    void randomBehavioursBreakNothing(String name, ModelEntry model) {
        TlcResult result = simulate(name, model.module(), model.config(), model.tlcArgs());
        assertEquals(Outcome.Pass.class, result.outcome().getClass(), () -> name + ": " + result.outcome());
    }

    /** The smoke test can fail: simulation finds the n = 3f model's Agreement violation. */
    @Test
    void simulationFindsTheViolationOfTheNEqualsThreeFModel() {
        TlcResult result = simulate("NEG-PBFT-N3F1", "MCPBFT_N3F1", "MCPBFT_N3F1.cfg", null);
        Outcome.Violation violation = assertInstanceOf(Outcome.Violation.class, result.outcome(),
                () -> String.valueOf(result.outcome()));
        assertEquals("Agreement", violation.violated());
    }

    private static TlcResult simulate(String name, String module, String config, List<String> tlcArgs) {
        List<String> args = new ArrayList<>(tlcArgs == null ? List.of() : tlcArgs);
        args.addAll(List.of("-simulate", "num=300", "-depth", "40", "-seed", "20261120"));
        ModelRun run = new ModelRun(name + "-smoke", module, config, 1, "2g", args, Duration.ofMinutes(5), 0);
        return RepositoryModels.RUNNER.run(run, progress -> { });
    }
}
