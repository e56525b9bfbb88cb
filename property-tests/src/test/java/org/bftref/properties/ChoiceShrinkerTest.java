package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ChoiceShrinkerTest {

    @Test
    void shrinksToTheFewestSmallestChoicesThatStillFail() {
        // "Fails" when some choice is at least 7 and the sequence has at least 3 elements.
        int[] start = {3, 9, 0, 12, 5, 44, 1, 8, 2, 2, 9, 31};
        ChoiceShrinker.Result r = new ChoiceShrinker(10_000)
                .shrink(start, c -> c.length >= 3 && Arrays.stream(c).anyMatch(v -> v >= 7));
        assertTrue(r.choices().length == 3, Arrays.toString(r.choices()));
        assertTrue(Arrays.stream(r.choices()).filter(v -> v != 0).count() == 1, Arrays.toString(r.choices()));
        assertTrue(Arrays.stream(r.choices()).max().getAsInt() < 14, "halved as far as it still fails");
    }

    @Test
    void leavesASequenceThatOnlyFailsWhole() {
        int[] start = {1, 2, 3};
        ChoiceShrinker.Result r = new ChoiceShrinker(1_000).shrink(start, c -> Arrays.equals(c, start));
        assertArrayEquals(start, r.choices());
    }

    @Test
    void stopsAfterItsBudget() {
        int[] start = new int[1_000];
        Arrays.fill(start, 100);
        ChoiceShrinker.Result r = new ChoiceShrinker(50).shrink(start, c -> true);
        assertTrue(r.attempts() <= 50);
    }
}
