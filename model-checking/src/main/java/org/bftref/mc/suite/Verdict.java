package org.bftref.mc.suite;

/** How a run compares with the manifest. */
public enum Verdict {
    /** As expected. */
    OK,
    /** The expected kind of result, but different numbers: state counts, depth or counterexample length. */
    DRIFT,
    /** A different result: pass instead of violation, another invariant, or no result at all. */
    FAIL
}
