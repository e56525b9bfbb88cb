package org.bftref.impl.sim;

/**
 * Runs a {@link Scenario}: n pure replica cores (honest or replaced by a Byzantine {@link Strategy}) and the
 * scenario's clients over a simulated network in virtual time, every random decision drawn from a
 * {@link Choices}. The same scenario and the same choices give the same {@link SimulationResult}.
 *
 * <p>Thread-safe in the sense that independent runs share nothing: run many in parallel if you like.
 */
public final class Simulator {

    private Simulator() {
    }

    /** Runs the scenario with choices drawn from its seed. */
    public static SimulationResult run(Scenario scenario) {
        return run(scenario, new SeededChoices(scenario.seed()));
    }

    /**
     * Runs the scenario with the given choices: a {@link ReplayChoices} of a result's {@code choices()} repeats
     * that run exactly; any other list gives some valid run of the scenario.
     */
    public static SimulationResult run(Scenario scenario, Choices choices) {
        if (scenario == null || choices == null) {
            throw new IllegalArgumentException("a run needs a scenario and choices");
        }
        return new SimulationRun(scenario, choices).run();
    }

    /**
     * Watches a long run: called every {@value #PROGRESS_EVERY} events with the virtual time, the events handled and
     * the decisions so far (the most requests any honest replica executed, as {@link SimulationResult#decisions()}). It only observes, so a run with a
     * listener is the same run as one without.
     */
    @FunctionalInterface
    public interface Progress {
        void at(long virtualMillis, long events, long decisions);
    }

    /** How often (in events) a {@link Progress} listener hears from a run. */
    public static final int PROGRESS_EVERY = 4096;

    /** {@link #run(Scenario)} with a progress listener. */
    public static SimulationResult run(Scenario scenario, Progress progress) {
        if (scenario == null || progress == null) {
            throw new IllegalArgumentException("a run needs a scenario and a listener");
        }
        return new SimulationRun(scenario, new SeededChoices(scenario.seed())).withProgress(progress).run();
    }

    /** Runs the recorded choices of a result again: the same scenario, the same run. */
    public static SimulationResult replay(SimulationResult result) {
        return run(result.scenario(), new ReplayChoices(result.choices()));
    }
}
