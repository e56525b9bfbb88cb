package org.bftref.properties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bftref.impl.sim.ReplayChoices;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.ScenarioFile;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;

/**
 * Runs scenarios and checks the properties; on a violation, shrinks the run's choices to a minimal schedule
 * that still breaks the same property and writes it as a replayable scenario file. Also keeps the totals a
 * summary reports: scenarios, decisions, view changes, violations, and how often each spec action ran.
 */
public final class ScenarioCheck {

    /** A violation, with the scenario file that replays its shrunk schedule. */
    public record Failure(Violation violation, Path scenarioFile, int choicesBefore, int choicesAfter) {
        @Override
        public String toString() {
            return violation + " (shrunk from " + choicesBefore + " to " + choicesAfter
                    + " choices; replay: ./bftref simulate --scenario " + scenarioFile + ")";
        }
    }

    private final List<Properties.Property> properties;
    private final Path failureDir;
    private long scenarios;
    private long decisions;
    private long viewChanges;
    private long violations;
    private final Map<String, Long> actions = new TreeMap<>();

    public ScenarioCheck(List<Properties.Property> properties, Path failureDir) {
        this.properties = properties;
        this.failureDir = failureDir;
    }

    /** Runs one scenario with its seed's choices; empty if every property holds. */
    public java.util.Optional<Failure> check(Scenario scenario) {
        SimulationResult result = Simulator.run(scenario);
        count(result);
        List<Violation> found = Properties.check(Runs.of(result), properties);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        violations++;
        return java.util.Optional.of(shrinkAndSave(scenario, result.choices(), found.get(0)));
    }

    /** The violations of a given schedule (a regression file's, for instance). */
    public List<Violation> violations(Scenario scenario, int[] choices) {
        SimulationResult result = choices == null ? Simulator.run(scenario)
                : Simulator.run(scenario, new ReplayChoices(choices));
        count(result);
        return Properties.check(Runs.of(result), properties);
    }

    private Failure shrinkAndSave(Scenario scenario, int[] choices, Violation violation) {
        ChoiceShrinker.Result shrunk = new ChoiceShrinker(400).shrink(choices, candidate ->
                Properties.check(Runs.of(Simulator.run(scenario, new ReplayChoices(candidate))), properties).stream()
                        .anyMatch(v -> v.property().equals(violation.property())));
        Violation last = Properties.check(Runs.of(Simulator.run(scenario, new ReplayChoices(shrunk.choices()))),
                properties).stream().filter(v -> v.property().equals(violation.property())).findFirst().orElse(violation);
        try {
            Files.createDirectories(failureDir);
            Path file = failureDir.resolve("seed-" + scenario.seed() + "-n" + scenario.n() + ".json");
            new ScenarioFile(scenario, shrunk.choices()).write(file);
            return new Failure(last, file, choices.length, shrunk.choices().length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the failing scenario", e);
        }
    }

    private void count(SimulationResult r) {
        scenarios++;
        decisions += r.decisions();
        viewChanges += r.viewChanges();
        r.traceActions().forEach((a, c) -> actions.merge(a, c, Long::sum));
    }

    /** A few lines: totals, and the spec actions exercised with their counts. */
    public String summary() {
        return "scenarios " + scenarios + ", decisions " + decisions + ", view changes " + viewChanges
                + ", violations " + violations + "\nspec actions exercised: " + actions;
    }

    public long scenarios() {
        return scenarios;
    }

    public Map<String, Long> actions() {
        return Map.copyOf(actions);
    }
}
