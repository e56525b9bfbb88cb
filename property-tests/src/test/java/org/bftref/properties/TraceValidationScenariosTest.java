package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.bftref.impl.sim.ReplayChoices;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.ScenarioFile;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Our own implementation's traces, checked against spec/pbft/TracePBFT.tla by TLC: random scenarios with
 * Byzantine replicas and view changes, and every regression scenario. Each trace is written to a file in the
 * documented format and read back through the same reader as anyone else's, then all are validated in one TLC
 * run. Every one must be accepted.
 */
class TraceValidationScenariosTest {

    /** The issue asks for at least 200 traces with Byzantine replicas and view changes in every CI run. */
    private static final int WANTED = 200;
    private static final Path DIR = Path.of("target", "traces");

    @Test
    void randomScenarioTracesWithByzantineReplicasAndViewChangesAreAccepted() throws Exception {
        List<Trace> traces = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long events = 0;
        for (long seed = 1; traces.size() < WANTED && seed <= 20 * WANTED; seed++) {
            int n = seed % 4 == 0 ? 7 : 4;
            Scenario scenario = ScenarioGenerator.random(seed, n).withRecordTrace(true);
            if (scenario.byzantine().isEmpty()) {
                continue;
            }
            SimulationResult result = Simulator.run(scenario);
            if (result.viewChanges() == 0) {
                continue;
            }
            String name = "random-n" + n + "-seed-" + seed;
            traces.add(write(name, result));
            names.add(name);
            events += result.trace().size();
        }
        assertEquals(WANTED, traces.size(), "not enough scenarios with Byzantine replicas and view changes");
        List<Verdict> verdicts = TraceValidator.validateAll(traces, TraceValidator.Options.defaults());
        System.out.printf("validated %d random-scenario traces, %d events%n", traces.size(), events);
        assertAllAccepted(names, verdicts);
    }

    @Test
    void regressionScenarioTracesAreAccepted() throws Exception {
        List<Trace> traces = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : RegressionScenariosTest.regressions().toList()) {
            ScenarioFile scenario = ScenarioFile.read(file);
            Scenario s = scenario.scenario().withRecordTrace(true);
            SimulationResult result = scenario.hasChoices()
                    ? Simulator.run(s, new ReplayChoices(scenario.choices()))
                    : Simulator.run(s);
            String name = "regression-" + file.getFileName().toString().replace(".json", "");
            traces.add(write(name, result));
            names.add(name);
        }
        assertTrue(traces.size() >= 4);
        assertAllAccepted(names, TraceValidator.validateAll(traces, TraceValidator.Options.defaults()));
    }

    static Trace write(String name, SimulationResult result) throws Exception {
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name + ".ndjson");
        Files.writeString(file, result.traceLines().stream().map(l -> l + "\n").collect(Collectors.joining()),
                StandardCharsets.UTF_8);
        return TraceReader.read(file);
    }

    private static void assertAllAccepted(List<String> names, List<Verdict> verdicts) {
        List<String> rejected = new ArrayList<>();
        for (int k = 0; k < verdicts.size(); k++) {
            if (!verdicts.get(k).accepted()) {
                rejected.add(names.get(k) + ": " + verdicts.get(k).text());
            }
        }
        assertEquals(List.of(), rejected, rejected.size() + " of " + verdicts.size() + " traces rejected");
    }
}
