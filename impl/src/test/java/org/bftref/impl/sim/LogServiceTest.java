package org.bftref.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogServiceTest {

    @Test
    void aResultDependsOnTheWholeHistory() {
        LogService a = new LogService();
        LogService b = new LogService();
        a.apply(0, "x");
        b.apply(1, "y");
        assertNotEquals(a.apply(0, "z"), b.apply(0, "z"), "same operation, different histories");
        assertTrue(new LogService().apply(0, "x").startsWith("x@1:"));
    }

    @Test
    void equalHistoriesHaveEqualSnapshotsAndDigests() {
        LogService a = new LogService();
        LogService b = new LogService();
        for (String op : List.of("p", "q", "r")) {
            a.apply(0, op);
            b.apply(1, op);
        }
        assertEquals(a.stateDigest(), b.stateDigest());
        b.apply(0, "s");
        assertNotEquals(a.stateDigest(), b.stateDigest());
    }

    @Test
    void restoreTakesBackASnapshotExactly() {
        LogService a = new LogService();
        a.apply(0, "héllo");
        a.apply(0, "");
        a.apply(0, "w@rld");
        LogService b = new LogService();
        b.apply(0, "old");
        b.restore(a.snapshot());
        assertEquals(a.applied(), b.applied());
        assertEquals(a.stateDigest(), b.stateDigest());
        assertEquals(a.apply(0, "next"), b.apply(0, "next"));
    }

    @Test
    void restoreRejectsBytesThatAreNoSnapshot() {
        LogService s = new LogService();
        assertThrows(IllegalArgumentException.class, () -> s.restore(new byte[] {0, 0, 0, 1, 0, 0, 0, 9}));
        assertThrows(IllegalArgumentException.class, () -> s.restore(new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> s.restore(new byte[] {0, 0, 0, 0, 7}));
    }
}
