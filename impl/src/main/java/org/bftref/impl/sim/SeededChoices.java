package org.bftref.impl.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Pseudo-random choices from a seed, remembering every value returned, so that a run can be replayed exactly
 * ({@link ReplayChoices}) or handed to a shrinker as a list of numbers. Not thread-safe: one per run.
 */
public final class SeededChoices implements Choices {

    private final SplittableRandom random;
    private int[] recorded = new int[256];
    private int count;

    public SeededChoices(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1: " + bound);
        }
        int value = random.nextInt(bound);
        if (count == recorded.length) {
            recorded = Arrays.copyOf(recorded, recorded.length * 2);
        }
        recorded[count++] = value;
        return value;
    }

    /** Every value returned so far, in order. */
    public int[] recorded() {
        return Arrays.copyOf(recorded, count);
    }

    /** How many values were returned so far. */
    public int count() {
        return count;
    }
}
