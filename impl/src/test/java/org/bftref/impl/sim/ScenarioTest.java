package org.bftref.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.bftref.impl.core.Mutant;
import org.junit.jupiter.api.Test;

/** A scenario that cannot be run is refused when it is built, naming the field at fault. */
class ScenarioTest {

    private static final Scenario BASE = Scenario.defaults(1, 4);

    private static void rejected(String field, String messagePart, Supplier<Object> build) {
        InvalidScenarioException e = assertThrows(InvalidScenarioException.class, build::get);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("field \"" + field + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void defaultsAreValidForEverySmallClusterAndTolerateAsManyFaultsAsPossible() {
        for (int n = 1; n <= 13; n++) {
            Scenario s = Scenario.defaults(n, n);
            assertEquals((n - 1) / 3, s.f());
            assertEquals(n, s.config().n());
        }
    }

    @Test
    void eachFieldIsCheckedByName() {
        rejected("n", "must be >= 1", () -> BASE.withSize(0, 0));
        rejected("f", "must be <= (n-1)/3 = 1", () -> BASE.withSize(4, 2));
        rejected("f", "must be >= 0", () -> BASE.withSize(4, -1));
        rejected("clients", "must be >= 0", () -> BASE.withClients(-1, 3));
        rejected("requestsPerClient", "must be >= 0", () -> BASE.withClients(1, -3));
        rejected("batchSizeMax", "must be >= 1", () -> BASE.withBatchSizeMax(0));
        rejected("watermarkWindow", "multiple of checkpointInterval", () -> BASE.withCheckpoints(4, 10));
        rejected("watermarkWindow", "must be >= 8", () -> BASE.withCheckpoints(8, 4));
        rejected("viewChangeTimeoutMillis", "must be >= 1", () -> BASE.withViewChangeTimeoutMillis(0));
        rejected("scheme", "must be one of [hmac, ed25519, ed25519-mac]", () -> BASE.withScheme("rsa"));
        rejected("maxVirtualMillis", "must be >= 1", () -> BASE.withLimits(0, 10));
        rejected("maxEvents", "must be >= 1", () -> BASE.withLimits(10, 0));
    }

    @Test
    void theNetworkIsCheckedByName() {
        Scenario.Network net = Scenario.Network.defaults();
        rejected("network.maxDelayMillis", "must be >= 5", () -> net.withDelays(5, 4));
        rejected("network.minDelayMillis", "must be >= 0", () -> net.withDelays(-1, 4));
        rejected("network.dropPercent", "must be <= 100", () -> net.withDropPercent(101));
        rejected("network.duplicatePercent", "must be >= 0", () -> net.withDuplicatePercent(-1));
        rejected("network.gstMillis", "must be >= 0", () -> net.withGst(-1, 5));
        rejected("network.partitions[0].untilMillis", "heal by GST", () -> net.withPartitions(
                List.of(Scenario.Partition.of(10, 2_000, List.of(1)))));
        rejected("network.partitions[0].untilMillis", "must be >= 11", () -> net.withPartitions(
                List.of(Scenario.Partition.of(10, 10, List.of(1)))));
        rejected("network.partitions[0].replicas", "at least one", () -> net.withPartitions(
                List.of(Scenario.Partition.of(10, 20, List.of()))));
        rejected("network.partitions[1].replicas", "replica id must be in 0..3", () -> BASE.withNetwork(net.withPartitions(
                List.of(Scenario.Partition.of(10, 20, List.of(1)), Scenario.Partition.of(10, 20, List.of(4))))));
    }

    @Test
    void atMostFByzantineReplicasUnlessUnsafe() {
        rejected("byzantine", "at most f=1", () -> BASE.withByzantine(Map.of(0, Strategy.SILENT, 1, Strategy.FLOOD)));
        rejected("byzantine.4", "replica id must be in 0..3", () -> BASE.withByzantine(4, Strategy.SILENT));
        Scenario unsafe = BASE.withAllowUnsafe(true).withByzantine(Map.of(0, Strategy.SILENT, 1, Strategy.FLOOD));
        assertEquals(2, unsafe.byzantine().size());
        assertEquals(3, BASE.withAllowUnsafe(true).withSize(4, 3).f(), "n < 3f+1 for negative tests");
    }

    @Test
    void crashesAreForHonestReplicasOneAtATime() {
        rejected("crashes[0].replica", "is Byzantine", () -> BASE.withByzantine(2, Strategy.SILENT).withCrash(2, 10, 20));
        rejected("crashes[0].replica", "replica id must be in 0..3", () -> BASE.withCrash(9, 10, 20));
        rejected("crashes[1].crashAtMillis", "still down", () -> BASE.withCrash(1, 10, 50).withCrash(1, 40, 60));
        rejected("crashes[1].crashAtMillis", "never restarts", () -> BASE.withCrash(1, 10, -1).withCrash(1, 40, 60));
        rejected("restartAtMillis", "must be -1 (never) or after", () -> new Scenario.Crash(1, 10, 5));
        assertEquals(2, BASE.withCrash(1, 10, 50).withCrash(1, 60, -1).crashes().size());
    }

    @Test
    void withersChangeOneFieldAndKeepTheRest() {
        Scenario s = BASE.withByzantine(0, Strategy.TWINS).withMutants(Set.of(Mutant.PREPARE_QUORUM_2F));
        Scenario t = s.withSeed(99);
        assertEquals(99, t.seed());
        assertEquals(s.byzantine(), t.byzantine());
        assertEquals(s.mutants(), t.mutants());
        assertEquals(s.network(), t.network());
        assertEquals(s, t.withSeed(1));
    }

    @Test
    void collectionsAreCopiedAndImmutable() {
        java.util.TreeMap<Integer, Strategy> byzantine = new java.util.TreeMap<>(Map.of(1, Strategy.SILENT));
        Scenario s = BASE.withByzantine(byzantine);
        byzantine.put(2, Strategy.FLOOD);
        assertEquals(Map.of(1, Strategy.SILENT), s.byzantine());
        assertThrows(UnsupportedOperationException.class, () -> s.byzantine().put(3, Strategy.SILENT));
        assertThrows(UnsupportedOperationException.class, () -> s.mutants().add(Mutant.NO_PERSISTENCE));
    }

    @Test
    void everyStrategyDescribesItself() {
        for (Strategy strategy : Strategy.values()) {
            assertTrue(strategy.description().length() > 20, strategy.name());
        }
    }
}
