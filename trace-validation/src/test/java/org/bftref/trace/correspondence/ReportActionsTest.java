package org.bftref.trace.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * {@link ReportActions} on small fixtures shaped like the report's diagram classes: names the specs have pass, and
 * each way they can drift gives a finding at the right file and line.
 */
class ReportActionsTest {

    private static final String PROTOCOL = """
            ---- MODULE P ----
            Ask(d) == TRUE
            Answer(r) == TRUE
            Next == \\E d \\in Values : Ask(d) \\/ \\E r \\in R : Answer(r)
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

    /** Draws trace events: a switch with a case per event. */
    private static final String TRACE_DIAGRAMS = """
            package r;

            final class TraceDiagrams {
                String draw(Line line) {
                    switch (line.action()) {
                        case "Answer":
                            return "arrow";
                        case LOG:
                            return "note";
                        default:
                            return line.action();
                    }
                }

                private static final String LOG = "Log";
            }
            """;

    /** Draws counterexample steps: one step drawn its own way. */
    private static final String CX_DIAGRAMS = """
            package r;

            final class CounterexampleDiagrams {
                boolean divider(Step step, Verdict v) {
                    return step.action().equals("Answer") || "Ask".equals(step.action()) || step.action().equals(v.action());
                }
            }
            """;

    private static final String HTML = """
            package r;

            final class HtmlReport {
                long count(java.util.List<Line> events) {
                    return events.stream().filter(e -> java.util.Objects.equals(e.action(), "Log")).count();
                }
            }
            """;

    private static ReportActions.Result check(String trace, String cx, String html, Source... more) {
        List<Source> report = new java.util.ArrayList<>(List.of(new Source("src/r/TraceDiagrams.java", trace),
                new Source("src/r/CounterexampleDiagrams.java", cx), new Source("src/r/HtmlReport.java", html)));
        report.addAll(List.of(more));
        return ReportActions.check(new Source("spec/P.tla", PROTOCOL), new Source("spec/T.tla", TRACE), report);
    }

    private static void assertFindings(ReportActions.Result result, String... expected) {
        assertEquals(String.join("\n", expected),
                result.findings().stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void namesOfTheRightSpecGiveNoFinding() {
        ReportActions.Result result = check(TRACE_DIAGRAMS, CX_DIAGRAMS, HTML);
        assertFindings(result);
        assertEquals(List.of("TraceDiagrams.java:6 Answer", "TraceDiagrams.java:15 Log", "CounterexampleDiagrams.java:5 Answer",
                        "CounterexampleDiagrams.java:5 Ask", "HtmlReport.java:5 Log"),
                result.uses().stream().map(u -> u.source().fileName() + ":" + u.line() + " " + u.action()).toList());
    }

    @Test
    void aRenamedTraceEventIsReportedWhereTheReportSpellsIt() {
        assertFindings(check(TRACE_DIAGRAMS.replace("case \"Answer\"", "case \"Answr\""), CX_DIAGRAMS, HTML),
                "src/r/TraceDiagrams.java:5: the switch on the action has no case for Answer, an action of T.tla's"
                        + " Apply: it would be drawn as a bare note",
                "src/r/TraceDiagrams.java:6: \"Answr\" is not a trace event: T.tla's Apply has no such action; did you"
                        + " mean Answer?");
    }

    /** Ask is a protocol action but no trace event: in a file that compares trace events it is wrong. */
    @Test
    void aNameOfTheOtherSpecIsReported() {
        assertFindings(check(TRACE_DIAGRAMS, CX_DIAGRAMS, HTML.replace("\"Log\"", "\"Ask\"")),
                "src/r/HtmlReport.java:5: \"Ask\" is not a trace event: T.tla's Apply has no such action");
        assertFindings(check(TRACE_DIAGRAMS, CX_DIAGRAMS.replace("\"Ask\"", "\"Log\""), HTML),
                "src/r/CounterexampleDiagrams.java:5: \"Log\" is not a counterexample step: P.tla's Next has no such"
                        + " action");
    }

    @Test
    void anActionTheSwitchDoesNotDrawIsReportedAtTheSwitch() {
        String fewer = TRACE_DIAGRAMS.replace("            case LOG:\n                return \"note\";\n", "");
        assertFindings(check(fewer, CX_DIAGRAMS, HTML),
                "src/r/TraceDiagrams.java:5: the switch on the action has no case for Log, an action of T.tla's"
                        + " Apply: it would be drawn as a bare note");
    }

    @Test
    void aComparisonTheCheckCannotFollowIsAFindingNotASilentPass() {
        assertFindings(check(TRACE_DIAGRAMS, CX_DIAGRAMS.replace("\"Ask\".equals", "name().equals"), HTML),
                "src/r/CounterexampleDiagrams.java:5: cannot tell which action name `name()` stands for (compared"
                        + " with .action()): not a string literal or a constant initialized with one");
    }

    @Test
    void aFileTheCheckDoesNotKnowOrThatNoLongerComparesIsReported() {
        String other = "package r;\nfinal class Legend {\n    boolean b(Step s) {\n        return s.action().equals(\"Ask\");\n    }\n}\n";
        assertFindings(check(TRACE_DIAGRAMS, CX_DIAGRAMS, HTML, new Source("src/r/Legend.java", other)),
                "src/r/Legend.java:4: compares an action with \"Ask\", but ReportActions.FILES does not say whether this"
                        + " file's actions are trace events or counterexample steps; add it");
        assertFindings(check(TRACE_DIAGRAMS, CX_DIAGRAMS, "package r;\nfinal class HtmlReport {\n}\n"),
                "src/r/HtmlReport.java:1: no action name compared with .action() found; if HtmlReport.java no longer"
                        + " names actions, remove it from ReportActions.FILES");
    }
}
