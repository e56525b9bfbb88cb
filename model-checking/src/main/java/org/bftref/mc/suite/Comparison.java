package org.bftref.mc.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bftref.mc.manifest.Expectation;
import org.bftref.mc.tlc.Outcome;
import org.bftref.mc.tlc.TlcStats;
import org.bftref.mc.tlc.ViolationKind;

/** A run's outcome held against its expectation. */
public record Comparison(Verdict verdict, String reason) {

    /**
     * @param distributed distributed TLC 2.18 reports the depth unreliably (it varies from run to run with
     *                    the interleaving of workers), so only the distinct states are compared then
     */
    public static Comparison of(Expectation expected, Outcome outcome, TlcStats stats, boolean distributed) {
        if (outcome instanceof Outcome.Failure failure) {
            return new Comparison(Verdict.FAIL, failure.message());
        }
        if (expected.expectsPass()) {
            if (outcome instanceof Outcome.Violation v) {
                return new Comparison(Verdict.FAIL, "expected a pass, but TLC found " + describe(v));
            }
            List<String> drift = new ArrayList<>();
            if (!Objects.equals(stats.distinct(), expected.distinct())) {
                drift.add("distinct " + stats.distinct() + " expected " + expected.distinct());
            }
            if (!distributed && !Objects.equals(stats.depth(), expected.depth())) {
                drift.add("depth " + stats.depth() + " expected " + expected.depth());
            }
            if (!drift.isEmpty()) {
                return new Comparison(Verdict.DRIFT, "drift: " + String.join(", ", drift));
            }
            return new Comparison(Verdict.OK, distributed && !Objects.equals(stats.depth(), expected.depth())
                    ? "depth not compared: distributed TLC reported " + stats.depth() + ", which varies between runs" : "");
        }
        String wanted = expected.kind() + (expected.violated() == null ? "" : " " + expected.violated());
        if (!(outcome instanceof Outcome.Violation v)) {
            return new Comparison(Verdict.FAIL, "expected " + wanted + " to be violated, but TLC found no violation");
        }
        if (v.kind() == ViolationKind.UNKNOWN) {
            return new Comparison(Verdict.OK, "distributed TLC does not say what is violated and may shorten the "
                    + "trace: only the outcome is compared; run without --distributed for the counterexample");
        }
        boolean sameName = expected.violated() == null || expected.violated().equals(v.violated());
        if (!v.kind().id().equals(expected.kind()) || !sameName) {
            return new Comparison(Verdict.FAIL, "expected " + wanted + " to be violated, but TLC found " + describe(v));
        }
        int length = v.counterexample().length();
        if (length != expected.length()) {
            return new Comparison(Verdict.DRIFT, "drift: length " + length + " expected " + expected.length());
        }
        return new Comparison(Verdict.OK, "");
    }

    static String states(int n) {
        return n + (n == 1 ? " state" : " states");
    }

    static String describe(Outcome.Violation v) {
        String what = v.kind() == ViolationKind.DEADLOCK ? "a deadlock"
                : v.kind().id() + (v.violated() == null ? "" : " " + v.violated()) + " violated";
        return what + " (" + states(v.counterexample().length()) + ")";
    }
}
