package org.bftref.impl.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChoicesTest {

    @Test
    void seededChoicesRecordEveryValueTheyReturnInOrder() {
        SeededChoices choices = new SeededChoices(42);
        int[] returned = new int[1_000];
        for (int i = 0; i < returned.length; i++) {
            returned[i] = choices.nextInt(1 + i % 17);
            assertTrue(returned[i] >= 0 && returned[i] < 1 + i % 17);
        }
        assertArrayEquals(returned, choices.recorded());
        assertEquals(1_000, choices.count());
    }

    @Test
    void theSameSeedGivesTheSameChoices() {
        SeededChoices a = new SeededChoices(7);
        SeededChoices b = new SeededChoices(7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextInt(1000), b.nextInt(1000));
        }
    }

    @Test
    void replayReturnsTheValuesInOrderClampedIntoTheBoundAndZeroOnceExhausted() {
        ReplayChoices replay = new ReplayChoices(new int[] {3, 9, -5, Integer.MAX_VALUE, 2});
        assertEquals(3, replay.nextInt(10));
        assertEquals(4, replay.nextInt(5), "too large: bound - 1");
        assertEquals(0, replay.nextInt(5), "negative: 0");
        assertEquals(0, replay.nextInt(1));
        assertEquals(2, replay.nextInt(3));
        assertEquals(0, replay.nextInt(100), "exhausted: 0");
        assertEquals(0, replay.nextInt(100));
        assertArrayEquals(new int[] {3, 4, 0, 0, 2, 0, 0}, replay.recorded());
        assertEquals(5, replay.consumed());
    }

    @Test
    void replayingSeededChoicesReproducesThem() {
        SeededChoices seeded = new SeededChoices(3);
        int[] bounds = {2, 100, 7, 1, 1_000_000, 3};
        int[] values = new int[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            values[i] = seeded.nextInt(bounds[i]);
        }
        ReplayChoices replay = new ReplayChoices(seeded.recorded());
        for (int i = 0; i < bounds.length; i++) {
            assertEquals(values[i], replay.nextInt(bounds[i]));
        }
    }

    @Test
    void zeroIsTheBenignOptionOfEveryHelper() {
        Choices zeros = bound -> 0;
        assertFalse(zeros.chance(99), "0: no drop, no duplicate");
        assertEquals(5, zeros.between(5, 500), "0: the shortest delay");
        assertEquals(0, zeros.pick(4));
    }

    @Test
    void helpersConsumeNoChoiceWhenTheAnswerIsCertain() {
        ReplayChoices replay = new ReplayChoices(new int[] {99});
        assertFalse(replay.chance(0));
        assertTrue(replay.chance(100));
        assertEquals(7, replay.between(7, 7));
        assertEquals(0, replay.pick(1));
        assertEquals(0, replay.consumed(), "a fault-free run must not spend choices on faults");
        assertTrue(replay.chance(50), "99 is in the top half");
    }

    @Test
    void chanceIsTrueForTheTopPercentOfValues() {
        assertTrue(new ReplayChoices(new int[] {90}).chance(10));
        assertFalse(new ReplayChoices(new int[] {89}).chance(10));
    }

    @Test
    void boundsBelowOneAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SeededChoices(1).nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> new ReplayChoices(new int[0]).nextInt(-1));
        assertThrows(IllegalArgumentException.class, () -> new SeededChoices(1).between(5, 4));
    }
}
