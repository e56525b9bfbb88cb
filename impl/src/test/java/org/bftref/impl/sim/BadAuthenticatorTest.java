package org.bftref.impl.sim;

import static org.bftref.impl.sim.SimAssertions.assertCompletedAndAgreed;
import static org.bftref.impl.sim.SimAssertions.assertConverged;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * Under the MAC scheme (Ed25519 between replicas, authenticators on requests), a request whose authenticator is
 * valid at some replicas only, which is what a faulty client can send, costs at most a view change: the backups
 * that cannot authenticate it drop the PRE-PREPARE (counted as BAD_SIGNATURE, never thrown), the run completes,
 * and the honest replicas agree. {@link Strategy#BAD_AUTHENTICATOR} on the first primary produces such requests;
 * its option 3 lets a request prepare at the primary and two backups and then silences the primary, so that the
 * third backup, which cannot authenticate the request, must take it from the NEW-VIEW's certificates: were
 * requests inside certificates checked against the reader's own entry, that backup would drop every NEW-VIEW and
 * the two others could never reach a quorum without it (MacAuthenticatorScheme explains the rule).
 */
class BadAuthenticatorTest {

    private static final int SEEDS = 12;

    private static Scenario scenario(long seed) {
        return Scenario.defaults(seed, 4).withScheme("ed25519-mac").withClients(2, 6)
                .withByzantine(0, Strategy.BAD_AUTHENTICATOR);
    }

    @Test
    void partialAuthenticatorsAreDroppedCountedAndCostAtMostAViewChange() {
        Map<String, Long> seen = new TreeMap<>();
        int silencedAfterPreparing = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult r = Simulator.run(scenario(seed));
            assertCompletedAndAgreed(r);
            assertConverged(r);
            r.drops().forEach((k, v) -> seen.merge(k, v, Long::sum));
            r.byzantineActions().forEach((k, v) -> seen.merge(k, v, Long::sum));
            if (r.byzantineActions().containsKey("BAD_AUTHENTICATOR:one-backup-then-silent")) {
                silencedAfterPreparing++;
                assertTrue(r.viewChanges() >= 1, r::summary);
            }
        }
        assertTrue(seen.getOrDefault("BAD_SIGNATURE", 0L) > 0, "no honest replica dropped a partial authenticator: " + seen);
        assertTrue(silencedAfterPreparing > 0, "no run exercised a prepared request with a bad entry at a view change: "
                + seen);
    }
}
