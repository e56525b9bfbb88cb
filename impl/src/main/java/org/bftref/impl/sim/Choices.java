package org.bftref.impl.sim;

/**
 * The only source of randomness of a simulation: every decision the simulator or a Byzantine strategy makes
 * (a delay, a drop, a duplicate, a deviation) is one call here. A run is therefore a function of its scenario
 * and the sequence of values returned, which is what makes it replayable ({@link ReplayChoices}), shrinkable
 * (lower the values towards 0) and fuzzable (a fuzzer implements this interface from its input bytes).
 *
 * <p>Convention kept by every caller: the value 0 is the benign or simplest option (the shortest delay, no drop,
 * no duplicate, no Byzantine deviation where a strategy has a choice), so that a run whose choices were all
 * lowered to 0 is the quietest run the scenario allows.
 */
@FunctionalInterface
public interface Choices {

    /**
     * A value in {@code [0, bound)}.
     *
     * @throws IllegalArgumentException if {@code bound < 1}
     */
    int nextInt(int bound);

    /**
     * True with probability {@code percent}/100. 0 (the benign choice) means false. Consumes nothing when
     * the answer is certain (0 or 100 percent), so that a fault-free scenario records no choices for faults.
     */
    default boolean chance(int percent) {
        if (percent <= 0) {
            return false;
        }
        if (percent >= 100) {
            return true;
        }
        return nextInt(100) >= 100 - percent;
    }

    /**
     * A value in {@code [lo, hi]}; 0 means {@code lo}. Consumes nothing when {@code lo == hi}. Ranges wider
     * than an int are narrowed to {@code [lo, lo + Integer.MAX_VALUE - 1]}: no simulated delay is that long.
     */
    default long between(long lo, long hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        if (lo == hi) {
            return lo;
        }
        long width = hi - lo + 1;
        return lo + nextInt(width > Integer.MAX_VALUE || width <= 0 ? Integer.MAX_VALUE : (int) width);
    }

    /** An index into a list of {@code size} options; 0 means the first. Consumes nothing when size is 1. */
    default int pick(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("nothing to pick from: size " + size);
        }
        return size == 1 ? 0 : nextInt(size);
    }
}
