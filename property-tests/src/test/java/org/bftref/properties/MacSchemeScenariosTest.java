package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.Strategy;
import org.junit.jupiter.api.Test;

/**
 * A slice of the random scenarios (engine 1) under the MAC scheme: Ed25519 between replicas, MAC authenticators
 * on requests and MACs on replies, each replica checking only its own authenticator entry. The strategies are
 * the random scenarios' plus {@link Strategy#BAD_AUTHENTICATOR}, a primary whose requests carry authenticators
 * valid at some replicas only, as a faulty client's can be. Every property, liveness after GST included, must
 * hold. Fewer scenarios than the HMAC run, since Ed25519 costs about 0.4 ms per signature or check here.
 */
class MacSchemeScenariosTest {

    private static final Path FAILURES = Path.of("target", "failing-scenarios");

    static final List<Strategy> STRATEGIES = strategies();

    private static List<Strategy> strategies() {
        List<Strategy> all = new ArrayList<>(ScenarioGenerator.STRATEGIES);
        all.add(Strategy.BAD_AUTHENTICATOR);
        return List.copyOf(all);
    }

    private static Scenario scenario(long seed, int n) {
        return ScenarioGenerator.random(seed, n, STRATEGIES, Set.of()).withScheme("ed25519-mac");
    }

    @Test
    void hundredRandomScenariosUnderMacAuthenticatorsKeepEveryProperty() {
        ScenarioCheck check = new ScenarioCheck(Properties.ALL, FAILURES);
        List<String> failures = new ArrayList<>();
        int badAuthenticator = 0;
        for (int i = 0; i < 100 && failures.size() < 3; i++) {
            int n = i < 80 ? 4 : 7;
            long seed = 50_000 + i;
            Scenario scenario = scenario(seed, n);
            if (scenario.byzantine().containsValue(Strategy.BAD_AUTHENTICATOR)) {
                badAuthenticator++;
            }
            Optional<ScenarioCheck.Failure> failure = check.check(scenario);
            failure.ifPresent(f -> failures.add("seed " + seed + " n=" + n + " (ed25519-mac): " + f));
        }
        System.out.println("[MAC scheme scenarios] " + check.summary() + "\nwith BAD_AUTHENTICATOR: " + badAuthenticator);
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing scenario(s):\n" + String.join("\n", failures));
        }
        assertTrue(check.scenarios() == 100);
        assertTrue(badAuthenticator > 0, "no scenario drew BAD_AUTHENTICATOR");
        assertTrue(check.actions().getOrDefault("AcceptNewView", 0L) > 0, "no view change: " + check.actions());
    }
}
