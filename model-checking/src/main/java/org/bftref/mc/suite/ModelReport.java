package org.bftref.mc.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.bftref.mc.manifest.Expectation;

/**
 * One row of the report, as written to target/mc-report.json. Paths are relative to the repository root.
 *
 * @param outcome        pass, violation or error
 * @param kind           for a violation: invariant, property, action-property, deadlock (or unknown, from
 *                       distributed TLC); for an error: the failure kind (parse, config, out-of-memory, ...)
 * @param message        for an error: one line saying what and where
 * @param reason         why the verdict is not OK (or a note on an OK one)
 * @param counterexample the readable counterexample, target/counterexamples/&lt;model&gt;.txt
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelReport(String name, String description, String module, String config, Expectation expected,
                          String outcome, String kind, String violated, String message, Verdict verdict,
                          String reason, Long generated, Long distinct, Integer depth, double wallSeconds,
                          int workers, Integer distributedWorkers, Integer counterexampleLength,
                          String counterexample, String tlcOutput) {

    /**
     * What TLC gave, in a few words: {@code pass}, {@code invariant Agreement violated, 7 states}, or
     * {@code error (parse): what and where}. The one wording of a model's result: mc-report.md and the HTML report's
     * model-checking table both show this. Not a component, so it is not written to mc-report.json.
     */
    @JsonIgnore
    public String result() {
        switch (outcome) {
            case "violation":
                return (kind == null ? "violation" : kind) + (violated == null || "deadlock".equals(kind) ? "" : " " + violated)
                        + " violated" + (counterexampleLength == null ? "" : ", " + Comparison.states(counterexampleLength));
            case "error":
                return "error" + (kind == null ? "" : " (" + kind + ")") + (message == null ? "" : ": " + message);
            default:
                return outcome;
        }
    }
}
