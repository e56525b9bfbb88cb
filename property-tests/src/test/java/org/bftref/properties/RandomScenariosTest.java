package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Seeded random scenarios (engine 1): n in {4, 7}, random networks, up to f Byzantine replicas with random
 * strategies, crashes and restarts of honest replicas. Every property, liveness after GST included, must hold
 * in each. A failure is shrunk and written to target/failing-scenarios/ as a scenario file to replay and to
 * commit under src/test/resources/regressions/ once fixed.
 *
 * <p>Soak: {@code mvn -pl property-tests test -Dtest=RandomScenariosTest#soak -Dbftref.soak.seconds=600} runs
 * fresh seeds for that long and prints the summary.
 */
class RandomScenariosTest {

    private static final Path FAILURES = Path.of("target", "failing-scenarios");

    private static void run(ScenarioCheck check, long firstSeed, long count, int n, List<String> failures) {
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            Optional<ScenarioCheck.Failure> failure = check.check(ScenarioGenerator.random(seed, n));
            if (failure.isPresent()) {
                failures.add("seed " + seed + " n=" + n + ": " + failure.get());
                if (failures.size() >= 3) {
                    return;
                }
            }
        }
    }

    @Test
    void twoThousandRandomScenariosKeepEveryProperty() {
        ScenarioCheck check = new ScenarioCheck(Properties.ALL, FAILURES);
        List<String> failures = new ArrayList<>();
        run(check, 1, 1_400, 4, failures);
        run(check, 1, 600, 7, failures);
        System.out.println("[random scenarios] " + check.summary());
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing scenario(s):\n" + String.join("\n", failures));
        }
        assertTrue(check.scenarios() >= 2_000);
        for (String action : List.of("SendPrePrepare", "SendPrepare", "SendCommit", "SendViewChange", "SendNewView",
                "AcceptNewView", "StateTransfer")) {
            assertTrue(check.actions().getOrDefault(action, 0L) > 0, action + " never ran: " + check.actions());
        }
    }

    @Test
    void soak() {
        String seconds = System.getProperty("bftref.soak.seconds");
        Assumptions.assumeTrue(seconds != null, "opt-in: -Dbftref.soak.seconds=N");
        long deadline = System.nanoTime() + Long.parseLong(seconds) * 1_000_000_000L;
        ScenarioCheck check = new ScenarioCheck(Properties.ALL, FAILURES);
        List<String> failures = new ArrayList<>();
        long seed = Long.getLong("bftref.soak.firstSeed", 1_000_000L);
        while (System.nanoTime() < deadline && failures.size() < 10) {
            run(check, seed, 50, seed % 3 == 0 ? 7 : 4, failures);
            seed += 50;
        }
        System.out.println("[soak] " + check.summary() + "\nfailures: " + failures);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }
}
