package org.bftref.mc.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One state of a TLC trace.
 *
 * @param number    TLC's 1-based state number
 * @param action    the action that produced the state ({@code "Initial predicate"} for the first one)
 * @param location  where TLC says the action is ({@code "line 120, col 5 to ... of module PBFT"}), or empty
 * @param variables the variables in the order TLC printed them
 */
public record TraceState(int number, String action, String location, Map<String, TlaValue> variables) {

    public static final String INITIAL = "Initial predicate";

    public TraceState {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public boolean isInitial() {
        return INITIAL.equals(action);
    }
}
