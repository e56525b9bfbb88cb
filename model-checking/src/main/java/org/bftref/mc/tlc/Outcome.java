package org.bftref.mc.tlc;

import org.bftref.mc.trace.Counterexample;

/** What one TLC run established. */
public sealed interface Outcome permits Outcome.Pass, Outcome.Violation, Outcome.Failure {

    /** The name used in the manifest and the reports: pass, violation or error. */
    String label();

    /** TLC explored the whole state space and found nothing wrong. */
    record Pass() implements Outcome {
        public String label() { return "pass"; }
    }

    /**
     * TLC found a behaviour that violates something.
     *
     * @param violated the invariant or property as TLC named it; "deadlock" for a deadlock; null where TLC
     *                 does not say (distributed TLC)
     */
    record Violation(ViolationKind kind, String violated, Counterexample counterexample) implements Outcome {
        public String label() { return "violation"; }
    }

    /** TLC could not check the model; {@code message} is one line saying what and where. */
    record Failure(FailureKind kind, String message) implements Outcome {
        public String label() { return "error"; }
    }
}
