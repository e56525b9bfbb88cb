package org.bftref.trace.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker itself, on small in-memory fixtures shaped like the real files: it accepts a corresponding pair,
 * and each way the code can drift from the spec gives a finding at the right file and line. Without these, a
 * checker that found nothing would pass on the real tree too.
 */
class SpecCodeMapCheckerTest {

    private static final String PROTOCOL = """
            ---- MODULE P ----
            (* Two actions; Next below nests the second under a quantifier. *)
            Ask(d) == TRUE

            Answer(r, v) ==
                /\\ r \\in Honest
                /\\ v > 0

            Helper(v) == v + 1
            Next ==
                \\/ \\E d \\in Values : Ask(d)
                \\/ \\E r \\in Honest :
                     \\/ \\E v \\in Views : Answer(r, Helper(v))
            Spec == Init /\\ [][Next]_vars
            ====
            """;

    private static final String TRACE = """
            ---- MODULE T ----
            Answer(e) == TRUE
            Log(e) == TRUE
            Apply(e) ==
                CASE e.action = "Answer" -> Answer(e)
                  [] e.action = "Log"    -> Log(e)
            ====
            """;

    private static final String FORMAT = """
            # format
            ## Events

            | action | fields | logged when | spec action |
            |---|---|---|---|
            | `Answer` | `v` | answered | `Answer` |
            | `Log` | `n` | logged | `Log` |

            ## Next section
            """;

    /** A replica whose handlers trace through a private helper, as Replica.Step.trace does. */
    private static final String REPLICA = """
            package p;

            final class Node {
                /** OSDI section 4.2: answers. */
                @SpecAction("Answer")
                void answer(Step step) {
                    step.trace("Answer", "v", 1);
                }

                @SpecAction("Log")
                void log(Step step) {
                    step.trace(LOG, "n", 2);
                }

                private static final String LOG = "Log";

                private final class Step {
                    void trace(String action, Object... keyValues) {
                        add(new TraceEvent(action, 0, java.util.Map.of()));
                    }
                }
            }
            """;

    private static final String CLIENT = """
            package p;

            final class Asker {
                @SpecAction("Ask")
                void ask() {
                }
            }
            """;

    @Test
    void correspondingFixturesGiveNoFindingAndOneRowPerAction() {
        SpecCodeMap.Outcome outcome = check(REPLICA, CLIENT);
        assertEquals(List.of(), outcome.findings());
        assertEquals(List.of("Ask", "Answer", "Log"), outcome.rows().stream().map(SpecCodeMap.Row::action).toList());
        SpecCodeMap.Row answer = outcome.rows().get(1);
        assertEquals(5, answer.protocol().line());
        assertEquals(2, answer.trace().line());
        assertEquals("Node.answer", answer.handlers().get(0).className() + "." + answer.handlers().get(0).method());
        assertEquals(5, answer.handlers().get(0).line());
        assertEquals("OSDI §4.2", answer.handlers().get(0).paperSections());
        assertEquals(List.of(7), answer.emissions().stream().map(JavaActions.Emission::line).toList());
        SpecCodeMap.Row log = outcome.rows().get(2);
        assertEquals(null, log.protocol());
        assertEquals(List.of("Log"), log.emissions().stream().map(JavaActions.Emission::action).toList());
        assertEquals(15, log.emissions().get(0).line(), "the constant's initializer is where the name is spelled");
        assertEquals(7, log.formatLine());
    }

    @Test
    void aProtocolActionWithoutHandlerIsReportedAtItsDefinition() {
        assertFindings(check(REPLICA, CLIENT.replace("@SpecAction(\"Ask\")", "")),
                "spec/P.tla:3: Next's action Ask has no @SpecAction(\"Ask\") handler in the Java sources");
    }

    @Test
    void aTraceSpecAdditionWithoutHandlerIsReportedToo() {
        assertFindings(check(REPLICA.replace("@SpecAction(\"Log\")", ""), CLIENT),
                "spec/T.tla:3: T.tla's added step Log has no @SpecAction(\"Log\") handler in the Java sources");
    }

    @Test
    void aDuplicateHandlerNamesBothPlaces() {
        String twice = CLIENT.replace("void ask() {", "void ask() {\n    }\n\n    @SpecAction(\"Ask\")\n    void askAgain() {");
        assertFindings(check(REPLICA, twice), "spec/P.tla:3: Next's action Ask has 2 @SpecAction handlers, one"
                + " expected: src/p/Asker.java:4 (Asker.ask), src/p/Asker.java:8 (Asker.askAgain)");
    }

    @Test
    void aMisspelledAnnotationIsReportedWithTheClosestAction() {
        assertFindings(check(REPLICA.replace("@SpecAction(\"Answer\")", "@SpecAction(\"Answr\")"), CLIENT),
                "spec/P.tla:5: Next's action Answer has no @SpecAction(\"Answer\") handler in the Java sources",
                "src/p/Node.java:5: @SpecAction(\"Answr\") on Node.answer names no action of P.tla's Next or T.tla's"
                        + " Apply; did you mean Answer?",
                "src/p/Node.java:7: trace event \"Answer\" (reaching the TraceEvent at Node.java:19) is emitted inside"
                        + " the handler of Answr; a handler traces its own action");
    }

    @Test
    void aTraceEventNamingNoActionIsReportedWhereTheNameIsSpelled() {
        String bogus = REPLICA.replace("step.trace(\"Answer\"", "step.trace(\"Bogus\"");
        List<Finding> findings = check(bogus, CLIENT).findings();
        assertFindings(findings,
                "src/p/Node.java:7: trace event \"Bogus\" (reaching the TraceEvent at Node.java:19) is emitted inside"
                        + " the handler of Answer; a handler traces its own action",
                "src/p/Node.java:7: trace event \"Bogus\" (reaching the TraceEvent at Node.java:19) is not an action"
                        + " of T.tla's Apply",
                "src/p/Node.java:7: trace event \"Bogus\" (reaching the TraceEvent at Node.java:19) is not documented"
                        + " in doc/FORMAT.md's event table");
    }

    @Test
    void aConstantPassedByTheWrongHandlerIsCaught() {
        String swapped = REPLICA.replace("step.trace(\"Answer\",", "step.trace(LOG,");
        assertFindings(check(swapped, CLIENT), "src/p/Node.java:15: trace event \"Log\" (reaching the TraceEvent at"
                + " Node.java:19) is emitted inside the handler of Answer; a handler traces its own action");
    }

    @Test
    void aProtocolActionTheTraceSpecDoesNotDispatchIsNoTraceEvent() {
        String traced = CLIENT.replace("void ask() {", "void ask() {\n        add(new TraceEvent(\"Ask\", 0, null));");
        assertFindings(check(REPLICA, traced),
                "src/p/Asker.java:6: trace event \"Ask\" (reaching the TraceEvent at Asker.java:6) is an action of"
                        + " P.tla but T.tla's Apply does not dispatch it, so the validator rejects it",
                "src/p/Asker.java:6: trace event \"Ask\" (reaching the TraceEvent at Asker.java:6) is not documented"
                        + " in doc/FORMAT.md's event table");
    }

    @Test
    void anUndocumentedEventIsReported() {
        SpecCodeMap.Outcome outcome = check(new Source("doc/FORMAT.md", FORMAT.replace("| `Log` | `n` | logged | `Log` |\n", "")),
                REPLICA, CLIENT);
        assertFindings(outcome.findings(), "src/p/Node.java:15: trace event \"Log\" (reaching the TraceEvent at"
                + " Node.java:19) is not documented in doc/FORMAT.md's event table");
    }

    @Test
    void aNameTheCheckCannotFollowIsAFindingNotASilentPass() {
        String computed = REPLICA.replace("step.trace(LOG,", "step.trace(name(),");
        assertFindings(check(computed, CLIENT), "src/p/Node.java:12: cannot tell which action name the trace event"
                + " at Node.java:19 carries: `name()` is not a string literal, a final String constant, or a parameter"
                + " that every call fills with one");
    }

    @Test
    void aConditionalNameGivesBothBranches() {
        String either = REPLICA.replace("step.trace(LOG,", "step.trace(flag ? LOG : \"Answer\",");
        SpecCodeMap.Outcome outcome = check(either, CLIENT);
        assertFindings(outcome.findings(), "src/p/Node.java:12: trace event \"Answer\" (reaching the TraceEvent at"
                + " Node.java:19) is emitted inside the handler of Log; a handler traces its own action");
    }

    @Test
    void nextDisjunctsAreReadFromTheSpecWithNestingAndInfix() {
        TlaActions.Result nested = TlaActions.nextDisjuncts(new Source("P.tla", PROTOCOL), "Next");
        assertEquals(List.of(), nested.problems());
        assertEquals(List.of("Ask", "Answer"), nested.actions().stream().map(TlaActions.Action::name).toList());
        TlaActions.Result infix = TlaActions.nextDisjuncts(new Source("T.tla",
                "A == TRUE\nB == FALSE\n\\* a comment: Next == C\nNext == A \\/ B\n"), "Next");
        assertEquals(List.of("A:1", "B:2"), infix.actions().stream().map(a -> a.name() + ":" + a.line()).toList());
    }

    @Test
    void aNextShapeTheExtractorDoesNotKnowIsAFinding() {
        String guarded = PROTOCOL.replace("\\E d \\in Values : Ask(d)", "(x > 0 /\\ Ask(1))");
        assertFindings(TlaActions.nextDisjuncts(new Source("P.tla", guarded), "Next").problems(),
                "P.tla:11: Next's disjunct is not \"[\\E ... :] Action(args)\": (x > 0 /\\ Ask(1))");
        String undefined = PROTOCOL.replace("Ask(d) == TRUE", "AskMore(d) == TRUE");
        assertFindings(TlaActions.nextDisjuncts(new Source("P.tla", undefined), "Next").problems(),
                "P.tla:11: Next names Ask, which this module does not define at the start of a line");
    }

    @Test
    void aDispatchWhoseEventAndActionDifferIsAFinding() {
        String renamed = TRACE.replace("e.action = \"Log\"    -> Log(e)", "e.action = \"Logged\" -> Log(e)");
        assertFindings(TlaActions.dispatchedActions(new Source("T.tla", renamed), "Apply").problems(),
                "T.tla:6: Apply dispatches the event \"Logged\" to the action Log: the event and the action must"
                        + " have one name");
    }

    @Test
    void commentsAreBlankedWithLinesKept() {
        String text = "A == 1 (* x (* nested *) \n y *) \\* tail\nB == \"(* not a comment\"\n";
        String blanked = TlaActions.blankComments(text);
        assertEquals(text.length(), blanked.length());
        assertEquals("A == 1", blanked.lines().findFirst().orElseThrow().strip());
        assertEquals("", blanked.lines().skip(1).findFirst().orElseThrow().strip());
        assertEquals("B == \"(* not a comment\"", blanked.lines().skip(2).findFirst().orElseThrow());
    }

    @Test
    void paperSectionsAreReadFromTheHandlerComment() {
        SpecCodeMap.Outcome outcome = check(REPLICA.replace("OSDI section 4.2: answers.",
                "Section 4.4 and 4.5, and Castro's thesis, section 5.3.2."), CLIENT);
        assertEquals("§4.4, 4.5; Castro's thesis §5.3.2", outcome.rows().get(1).handlers().get(0).paperSections());
    }

    @Test
    void theTableLinksSpecToCodeAndIsTheSameEveryTime() {
        SpecCodeMap.Inputs in = inputs(new Source("doc/FORMAT.md", FORMAT), REPLICA, CLIENT);
        String md = SpecCodeMap.markdown(in, SpecCodeMap.check(in).rows());
        assertTrue(md.contains("| `Answer` | [P.tla:5](../spec/P.tla#L5) | [T.tla:2](../spec/T.tla#L2) | `Node.answer`"
                + " [Node.java:5](../src/p/Node.java#L5) | [`Answer`](../doc/FORMAT.md#events) at"
                + " [Node.java:7](../src/p/Node.java#L7) | OSDI §4.2 |\n"), md);
        assertTrue(md.contains("| `Ask` | [P.tla:3](../spec/P.tla#L3) | — | `Asker.ask` [Asker.java:4](../src/p/Asker.java#L4)"
                + " | — | — |\n"), md);
        assertEquals(md, SpecCodeMap.markdown(in, SpecCodeMap.check(in).rows()));
    }

    @Test
    void refreshWritesOnlyWhenTheContentDiffers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("docs/map.md");
        assertEquals(SpecCodeMap.Refresh.REWRITTEN, SpecCodeMap.refresh(file, "a\n"), "missing file");
        assertEquals(SpecCodeMap.Refresh.CURRENT, SpecCodeMap.refresh(file, "a\n"));
        Files.writeString(file, "a\r\n");
        assertEquals(SpecCodeMap.Refresh.CURRENT, SpecCodeMap.refresh(file, "a\n"), "CRLF checkout");
        assertEquals(SpecCodeMap.Refresh.REWRITTEN, SpecCodeMap.refresh(file, "b\n"), "stale file");
        assertEquals("b\n", Files.readString(file));
    }

    // ------------------------------------------------------------------------------------------------

    private static SpecCodeMap.Outcome check(String replica, String client) {
        return check(new Source("doc/FORMAT.md", FORMAT), replica, client);
    }

    private static SpecCodeMap.Outcome check(Source format, String replica, String client) {
        return SpecCodeMap.check(inputs(format, replica, client));
    }

    private static SpecCodeMap.Inputs inputs(Source format, String replica, String client) {
        return new SpecCodeMap.Inputs(new Source("spec/P.tla", PROTOCOL), new Source("spec/T.tla", TRACE), format,
                List.of(new Source("src/p/Asker.java", client), new Source("src/p/Node.java", replica)));
    }

    private static void assertFindings(SpecCodeMap.Outcome outcome, String... expected) {
        assertFindings(outcome.findings(), expected);
    }

    private static void assertFindings(List<Finding> findings, String... expected) {
        assertEquals(String.join("\n", expected),
                findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }
}
