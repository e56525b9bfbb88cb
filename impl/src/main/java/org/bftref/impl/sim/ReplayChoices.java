package org.bftref.impl.sim;

import java.util.Arrays;

/**
 * Replays a list of choices. Any list is accepted, so that a shrinker or fuzzer may edit it freely: a value is
 * clamped into {@code [0, bound)} (a negative one becomes 0, one too large becomes {@code bound - 1}), and once
 * the list is exhausted every answer is 0, the benign option. Replaying the recorded choices of a run with the
 * same scenario therefore gives the same run; a shortened or lowered list gives a valid, quieter one.
 */
public final class ReplayChoices implements Choices {

    private final int[] values;
    private int next;
    private int[] returned = new int[64];
    private int count;

    public ReplayChoices(int[] values) {
        this.values = values.clone();
    }

    @Override
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1: " + bound);
        }
        int raw = next < values.length ? values[next++] : 0;
        int value = raw < 0 ? 0 : Math.min(raw, bound - 1);
        if (count == returned.length) {
            returned = Arrays.copyOf(returned, returned.length * 2);
        }
        returned[count++] = value;
        return value;
    }

    /** The values actually returned (after clamping, with the zeros past the end of the list), in order. */
    public int[] recorded() {
        return Arrays.copyOf(returned, count);
    }

    /** How many of the given values were consumed. */
    public int consumed() {
        return next;
    }
}
