package org.bftref.properties;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bftref.impl.sim.Choices;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;

/**
 * Coverage-guided schedule fuzzing with Jazzer: the first bytes of an input choose a small scenario (n=4, at
 * most one Byzantine replica with any {@link Strategy} or none, one or two clients with a few requests, some
 * loss, maybe a crash and restart of an honest replica), and the rest become the simulator's {@link Choices}
 * (every delay, drop, duplicate and Byzantine deviation), read one value per choice until the input runs out,
 * then 0, the benign option. Every safety property must hold whatever the input; a violation is thrown as an
 * {@link AssertionError} naming the violation and the scenario.
 *
 * <p>In a plain {@code mvn verify} (or {@code mvn -pl property-tests test}) this runs in Jazzer's regression
 * mode: only the committed inputs under
 * {@code src/test/resources/org/bftref/properties/ScheduleFuzzTestInputs/scheduleKeepsSafety/} (and an empty
 * input) are run, quickly and deterministically. To fuzz for real:
 *
 * <pre>
 *   mvn -q -pl impl install -DskipTests
 *   JAZZER_FUZZ=1 JAZZER_INSTRUMENTATION_INCLUDES='org.bftref.**' mvn -pl property-tests test -Dtest=ScheduleFuzzTest
 * </pre>
 *
 * (Without the includes Jazzer instruments little of the core: 167 edges covered instead of 2,549.)
 *
 * Jazzer then runs until it finds a failing input (or forever; bound it with
 * {@code @FuzzTest(maxDuration = ...)} or {@code -Djazzer.max_duration=...} as its documentation says), keeps
 * its corpus under {@code .cifuzz-corpus/}, and writes a failing input as a new file next to the committed ones,
 * where it becomes a regression input once committed.
 */
class ScheduleFuzzTest {

    /** Keeps one input's run short whatever the choices: the fuzzer wants many runs, not long ones. */
    private static final long MAX_VIRTUAL_MILLIS = 20_000;
    private static final long MAX_EVENTS = 100_000;

    @FuzzTest
    void scheduleKeepsSafety(FuzzedDataProvider data) {
        Scenario scenario = scenario(data);
        SimulationResult result = Simulator.run(scenario, new FuzzedChoices(data));
        List<Violation> violations = Properties.check(Runs.of(result), Properties.SAFETY);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.get(0) + " in " + result.summary());
        }
    }

    /** A small n=4 scenario from the first bytes of the input. */
    static Scenario scenario(FuzzedDataProvider data) {
        Strategy[] strategies = Strategy.values();
        int s = data.consumeInt(0, strategies.length); // strategies.length: nobody is Byzantine
        int faulty = data.consumeInt(0, 3);
        int clients = data.consumeInt(1, 2);
        int requests = data.consumeInt(1, 3);
        int drop = data.consumeInt(0, 10);
        int duplicate = data.consumeInt(0, 5);
        long gst = data.consumeInt(0, 2_000);
        boolean crash = data.consumeBoolean();
        int crashed = data.consumeInt(0, 3);
        long crashAt = data.consumeInt(0, 1_000);
        long downFor = data.consumeInt(1, 1_000);

        Scenario scenario = Scenario.defaults(0, 4)
                .withClients(clients, requests)
                .withCheckpoints(2, 4)
                .withNetwork(new Scenario.Network(1, 40, drop, duplicate, gst, 10, List.of()))
                .withLimits(MAX_VIRTUAL_MILLIS, MAX_EVENTS);
        if (s < strategies.length) {
            scenario = scenario.withByzantine(Map.of(faulty, strategies[s]));
        }
        if (crash && !scenario.isByzantine(crashed)) {
            scenario = scenario.withCrash(crashed, crashAt, crashAt + downFor);
        }
        return scenario.withMutants(Set.of());
    }

    /** The simulator's choices from the rest of the input: one value per choice, 0 once the input is used up. */
    static final class FuzzedChoices implements Choices {

        private final FuzzedDataProvider data;

        FuzzedChoices(FuzzedDataProvider data) {
            this.data = data;
        }

        @Override
        public int nextInt(int bound) {
            if (bound < 1) {
                throw new IllegalArgumentException("bound must be >= 1: " + bound);
            }
            return bound == 1 || data.remainingBytes() == 0 ? 0 : data.consumeInt(0, bound - 1);
        }
    }
}
