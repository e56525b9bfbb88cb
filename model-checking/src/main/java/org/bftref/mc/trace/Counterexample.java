package org.bftref.mc.trace;

import java.util.List;
import java.util.OptionalInt;

/**
 * A behaviour TLC printed as the reason for a violation.
 *
 * @param states     the states as printed, in order
 * @param loopsBackTo for a liveness lasso: the number of the state the last one leads back to
 * @param stutters   for a liveness counterexample that ends by stuttering forever
 */
public record Counterexample(List<TraceState> states, OptionalInt loopsBackTo, boolean stutters) {

    public Counterexample {
        states = List.copyOf(states);
    }

    /** The number of states, the measure the manifest's {@code length} compares with. */
    public int length() {
        return states.size();
    }
}
