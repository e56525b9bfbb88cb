package org.bftref.mc.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.bftref.mc.tlc.ViolationKind;

/**
 * What a model is expected to give. A pass records the exact state space (distinct states and depth), so
 * that any change to the spec that grows or shrinks it shows up as drift. A violation records what is
 * violated and the length of TLC's counterexample (its number of states).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expectation(String outcome, Long distinct, Integer depth, String kind, String violated, Integer length) {

    public static final String PASS = "pass";
    public static final String VIOLATION = "violation";

    /** Validation runs while Jackson builds the record, so errors carry the line of the JSON object. */
    public Expectation {
        if (outcome == null) {
            throw new IllegalArgumentException("missing required field \"outcome\" (pass or violation)");
        }
        switch (outcome) {
            case PASS -> {
                require(distinct, "distinct", "a pass");
                require(depth, "depth", "a pass");
                forbid(kind, "kind", "a pass");
                forbid(violated, "violated", "a pass");
                forbid(length, "length", "a pass");
                positive(distinct, "distinct");
                positive(depth.longValue(), "depth");
            }
            case VIOLATION -> {
                require(kind, "kind", "a violation");
                if (ViolationKind.fromId(kind).isEmpty()) {
                    throw new IllegalArgumentException("field \"kind\": \"" + kind
                            + "\" is not one of invariant, property, action-property, deadlock");
                }
                if (!kind.equals(ViolationKind.DEADLOCK.id())) {
                    require(violated, "violated", "a violation");
                }
                require(length, "length", "a violation");
                forbid(distinct, "distinct", "a violation");
                forbid(depth, "depth", "a violation");
                positive(length.longValue(), "length");
            }
            default -> throw new IllegalArgumentException(
                    "field \"outcome\": \"" + outcome + "\" is neither pass nor violation");
        }
    }

    public boolean expectsPass() {
        return PASS.equals(outcome);
    }

    /** The expectation in a few words, for the report's "expected" column. */
    public String summary() {
        if (expectsPass()) {
            return "pass, " + distinct + " distinct, depth " + depth;
        }
        return kind + (violated == null ? "" : " " + violated) + ", " + length + (length == 1 ? " state" : " states");
    }

    private static void require(Object value, String field, String what) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field \"" + field + "\" for " + what);
        }
    }

    private static void forbid(Object value, String field, String what) {
        if (value != null) {
            throw new IllegalArgumentException("field \"" + field + "\" does not apply to " + what);
        }
    }

    private static void positive(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("field \"" + field + "\" must not be negative");
        }
    }
}
