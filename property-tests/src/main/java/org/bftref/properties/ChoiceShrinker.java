package org.bftref.properties;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Shrinks a failing run's choice sequence to a smaller one that still fails, by the moves that make a
 * simulated schedule simpler: delete a chunk of choices (the run then takes benign choices where the sequence
 * ran out), set a chunk to 0 (the benign option: shortest delay, no drop, no deviation), and halve single values.
 * It works because every prefix and every lowered sequence is itself a valid schedule (see the simulator's
 * Choices). The same idea as internal shrinking in Hypothesis (MacIver and Donaldson, "Test-Case Reduction via
 * Test-Case Generation: Insights from the Hypothesis Reducer", ECOOP 2020), written for our runs.
 *
 * <p>Deterministic: the same input and predicate give the same result. Bounded by {@code maxAttempts} runs.
 */
public final class ChoiceShrinker {

    /** What a shrink did: the smallest failing sequence found and how many runs it took. */
    public record Result(int[] choices, int attempts) {
    }

    private final int maxAttempts;
    private int attempts;

    public ChoiceShrinker(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** @param fails whether a run with these choices still shows the failure; true for {@code choices} itself */
    public Result shrink(int[] choices, Predicate<int[]> fails) {
        attempts = 0;
        int[] best = choices.clone();
        boolean progress = true;
        while (progress && attempts < maxAttempts) {
            progress = false;
            // Try a shorter sequence first: whatever is cut off becomes benign.
            for (int cut = best.length / 2; cut >= 1 && attempts < maxAttempts; cut /= 2) {
                int[] shorter = Arrays.copyOf(best, best.length - cut);
                if (test(shorter, fails)) {
                    best = shorter;
                    progress = true;
                }
            }
            for (int size = Math.max(1, best.length / 4); size >= 1 && attempts < maxAttempts; size /= 2) {
                for (int at = 0; at + size <= best.length && attempts < maxAttempts; ) {
                    int[] deleted = new int[best.length - size];
                    System.arraycopy(best, 0, deleted, 0, at);
                    System.arraycopy(best, at + size, deleted, at, best.length - at - size);
                    if (test(deleted, fails)) {
                        best = deleted;
                        progress = true;
                        continue; // the same position now holds the next chunk
                    }
                    if (!allZero(best, at, size)) {
                        int[] zeroed = best.clone();
                        Arrays.fill(zeroed, at, at + size, 0);
                        if (test(zeroed, fails)) {
                            best = zeroed;
                            progress = true;
                        }
                    }
                    at += size;
                }
            }
            for (int i = 0; i < best.length && attempts < maxAttempts; i++) {
                while (best[i] > 0 && attempts < maxAttempts) {
                    int[] lower = best.clone();
                    lower[i] = best[i] / 2;
                    if (!test(lower, fails)) {
                        break;
                    }
                    best = lower;
                    progress = true;
                }
            }
        }
        return new Result(best, attempts);
    }

    private boolean test(int[] candidate, Predicate<int[]> fails) {
        attempts++;
        return fails.test(candidate);
    }

    private static boolean allZero(int[] a, int from, int size) {
        for (int i = from; i < from + size; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
