package org.bftref.impl.sim;

import java.util.Arrays;

/**
 * Wraps whatever {@link Choices} a run was given (seeded, replayed, or a fuzzer's) and records the values the
 * simulator actually used. Values outside {@code [0, bound)} are clamped here too, so that a careless source
 * cannot crash a run, and the record always replays to the same run.
 */
final class RecordingChoices implements Choices {

    private final Choices source;
    private int[] recorded = new int[256];
    private int count;

    RecordingChoices(Choices source) {
        this.source = source;
    }

    @Override
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1: " + bound);
        }
        int raw = source.nextInt(bound);
        int value = raw < 0 ? 0 : Math.min(raw, bound - 1);
        if (count == recorded.length) {
            recorded = Arrays.copyOf(recorded, recorded.length * 2);
        }
        recorded[count++] = value;
        return value;
    }

    int[] recorded() {
        return Arrays.copyOf(recorded, count);
    }

    int count() {
        return count;
    }
}
