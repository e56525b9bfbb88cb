package org.bftref.trace.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * {@link ItfNames} on small fixtures shaped like PBFT.tla and ItfValidator.java: it accepts lists that match the
 * declarations, and each way they can drift apart gives a finding at the right file and line.
 */
class ItfNamesTest {

    private static final String SPEC = """
            ---- MODULE P ----
            EXTENDS Naturals
            CONSTANTS
                N,        \\* replicas
                Values    \\* requests, (* not, a, name *)

            Helper == 1
            VARIABLES
                view,
                msgs

            CONSTANT Op(_, _)
            ====
            """;

    private static final String VALIDATOR = """
            package p;

            import java.util.List;

            final class ItfValidator {
                static final List<String> CONSTANTS = List.of("N", "Values", "Op");
                static final List<String> VARIABLES = List.of(
                        "view",
                        "msgs");

                void check(java.util.Map<String, Object> given) {
                    given.get("N");
                    given.get("Values");
                }
            }
            """;

    private static List<Finding> check(String spec, String validator) {
        return ItfNames.check(new Source("spec/P.tla", spec), new Source("src/p/ItfValidator.java", validator));
    }

    private static void assertFindings(List<Finding> findings, String... expected) {
        assertEquals(String.join("\n", expected), findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void matchingListsGiveNoFinding() {
        assertFindings(check(SPEC, VALIDATOR));
        TlaDeclarations.Result declared = TlaDeclarations.read(new Source("P.tla", SPEC));
        assertEquals(List.of("N:4", "Values:5", "Op:12"),
                declared.constants().stream().map(d -> d.name() + ":" + d.line()).toList());
        assertEquals(List.of("view:9", "msgs:10"),
                declared.variables().stream().map(d -> d.name() + ":" + d.line()).toList());
    }

    /** The case the check exists for: PBFT.tla gains a variable and ItfValidator does not. */
    @Test
    void aVariableTheSpecGainedIsReportedAtItsDeclaration() {
        assertFindings(check(SPEC.replace("    msgs\n", "    msgs,\n    timers\n"), VALIDATOR),
                "spec/P.tla:11: the variable timers is missing from ItfValidator.VARIABLES (ItfValidator.java:7):"
                        + " ITF traces would be read without it");
    }

    @Test
    void aNameTheSpecDoesNotDeclareIsReportedAtTheLiteral() {
        assertFindings(check(SPEC.replace("    msgs\n", "    messages\n"), VALIDATOR),
                "spec/P.tla:10: the variable messages is missing from ItfValidator.VARIABLES (ItfValidator.java:7):"
                        + " ITF traces would be read without it",
                "src/p/ItfValidator.java:9: ItfValidator.VARIABLES lists \"msgs\", which P.tla does not declare as a"
                        + " variable (it declares view, messages)");
    }

    @Test
    void aConstantListedAsAVariableAndTwiceAreReported() {
        assertFindings(check(SPEC, VALIDATOR.replace("\"msgs\");", "\"msgs\", \"N\", \"view\");")),
                "src/p/ItfValidator.java:9: ItfValidator.VARIABLES lists \"N\", which P.tla does not declare as a"
                        + " variable (it declares view, msgs)",
                "src/p/ItfValidator.java:9: ItfValidator.VARIABLES lists \"view\" twice");
    }

    @Test
    void aLookupOfAnUndeclaredConstantIsReported() {
        assertFindings(check(SPEC, VALIDATOR.replace("given.get(\"Values\")", "given.get(\"Value\")")),
                "src/p/ItfValidator.java:13: given.get(\"Value\") looks up a constant that P.tla does not declare"
                        + " (its constants: N, Values, Op)");
    }

    @Test
    void aListTheCheckCannotReadIsAFindingNotASilentPass() {
        assertFindings(check(SPEC, VALIDATOR.replace("List.of(\"N\", \"Values\", \"Op\")", "names()")),
                "src/p/ItfValidator.java:6: CONSTANTS is not List.of(\"...\", ...) with string literals, so it cannot"
                        + " be compared with the spec");
        assertFindings(check(SPEC, VALIDATOR.replace("VARIABLES =", "VARS =")),
                "src/p/ItfValidator.java:1: no field VARIABLES (the list of PBFT.tla's variables this check compares"
                        + " with the spec)");
        assertFindings(check(SPEC.replace("Values    \\*", "Values +  \\*"), VALIDATOR),
                "spec/P.tla:5: CONSTANTS declares something that is not a name: \"Values +\"",
                "src/p/ItfValidator.java:6: ItfValidator.CONSTANTS lists \"Values\", which P.tla does not declare as a"
                        + " constant (it declares N, Op)",
                "src/p/ItfValidator.java:13: given.get(\"Values\") looks up a constant that P.tla does not declare"
                        + " (its constants: N, Op)");
    }
}
