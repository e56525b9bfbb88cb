package org.bftref.mc.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class CounterexamplePrinterTest {

    private static TraceState state(int number, String action, String... assignments) {
        return new TraceState(number, action, "", TraceStateParser.parseVariables(List.of(assignments)));
    }

    private static final String PREPARE = "[type |-> \"Prepare\", v |-> 0, n |-> 1, d |-> \"a\", r |-> 2]";
    private static final String VIEW_CHANGE =
            "[type |-> \"ViewChange\", v |-> 1, P |-> {[n |-> 1, v |-> 0, d |-> \"a\"]}, r |-> 1]";

    private final Counterexample pbftLike = new Counterexample(List.of(
            state(1, TraceState.INITIAL, "/\\ view = (1 :> 0 @@ 2 :> 0)", "/\\ msgs = {}", "/\\ requested = {}"),
            state(2, "Request", "/\\ view = (1 :> 0 @@ 2 :> 0)", "/\\ msgs = {}", "/\\ requested = {\"a\"}"),
            state(3, "SendPrepare", "/\\ view = (1 :> 0 @@ 2 :> 0)", "/\\ msgs = {" + PREPARE + "}",
                    "/\\ requested = {\"a\"}"),
            state(4, "SendViewChange", "/\\ view = (1 :> 1 @@ 2 :> 0)",
                    "/\\ msgs = {" + PREPARE + ", " + VIEW_CHANGE + "}", "/\\ requested = {\"a\"}")),
            OptionalInt.empty(), false);

    @Test
    void describesEachStepByWhatChanged() {
        String text = new CounterexamplePrinter().print(pbftLike);
        List<String> lines = text.lines().toList();
        assertEquals("1. Initial state", lines.get(0));
        assertEquals("     view = (1: 0, 2: 0)", lines.get(1));
        assertEquals("2. Request \u2014 requested: {} -> {a}", lines.get(4));
        assertEquals("3. SendPrepare \u2014 replica 2 sends PREPARE(v=0, n=1, d=a)", lines.get(5));
        assertEquals("4. SendViewChange \u2014 replica 1: view 0 -> 1, sends VIEW-CHANGE(v=1, P={n=1: (v=0, d=a)})",
                lines.get(6));
        assertTrue(text.contains("State 4 in full:"), text);
    }

    @Test
    void readsTuplesAsPerReplicaFunctionsWhenReplicasAreOneToN() {
        // TLC prints [r \in 1..2 |-> 0] as <<0, 0>>.
        Counterexample tuples = new Counterexample(List.of(
                state(1, TraceState.INITIAL, "/\\ view = <<0, 0>>", "/\\ msgs = {}"),
                state(2, "SendViewChange", "/\\ view = <<1, 0>>", "/\\ msgs = {" + VIEW_CHANGE + "}")),
                OptionalInt.empty(), false);
        String text = new CounterexamplePrinter().print(tuples);
        assertTrue(text.contains("2. SendViewChange \u2014 replica 1: view 0 -> 1, sends VIEW-CHANGE"), text);
    }

    @Test
    void marksTheLoopOfALivenessLasso() {
        Counterexample lasso = new Counterexample(List.of(
                state(1, TraceState.INITIAL, "x = 0"), state(2, "Next", "x = 1"), state(3, "Next", "x = 2")),
                OptionalInt.of(2), false);
        String text = new CounterexamplePrinter().print(lasso);
        assertTrue(text.contains("2. Next \u2014 x: 0 -> 1   <- the loop starts here"), text);
        assertTrue(text.contains("-> back to state 2"), text);
    }

    @Test
    void namesMessageTypesTheWayThePapersDo() {
        assertEquals("PRE-PREPARE", Compact.messageName("PrePrepare"));
        assertEquals("NEW-VIEW", Compact.messageName("NewView"));
        assertEquals("COMMIT", Compact.messageName("Commit"));
    }

    @Test
    void fallsBackToOldAndNewForShapesItDoesNotKnow() {
        Map<String, TlaValue> before = new LinkedHashMap<>();
        before.put("log", TlaValueParser.parse("<<1>>"));
        Map<String, TlaValue> after = new LinkedHashMap<>();
        after.put("log", TlaValueParser.parse("<<1, 2>>"));
        Counterexample cex = new Counterexample(List.of(new TraceState(1, TraceState.INITIAL, "", before),
                new TraceState(2, "Append", "", after)), OptionalInt.empty(), false);
        assertTrue(new CounterexamplePrinter().print(cex).contains("2. Append \u2014 log: <<1>> -> <<1, 2>>"));
    }

    /**
     * The text is only ever read back through ReadableCounterexample.parse, which must give the very structure the
     * printer built: a change of wording that the parser does not follow fails here, not in a diagram.
     */
    @Test
    void theTextReadsBackAsTheStructureItWasPrintedFrom() throws Exception {
        String client = "[type |-> \"Request\", d |-> \"a; b, c\"]";
        Counterexample many = new Counterexample(List.of(
                state(1, TraceState.INITIAL, "/\\ view = (1 :> 0 @@ 2 :> 0)", "/\\ msgs = {" + PREPARE + "}",
                        "/\\ votes = (\"x\" :> 0)", "/\\ log = <<>>"),
                state(2, "Mixed", "/\\ view = (1 :> 1 @@ 2 :> 0)",
                        "/\\ msgs = {" + VIEW_CHANGE + ", " + client + ", [type |-> \"Prepare\", v |-> 1, n |-> 1, d |-> \"a\", r |-> 1]}",
                        "/\\ votes = (\"x\" :> 1)", "/\\ log = <<1>>"),
                state(3, "Nothing", "/\\ view = (1 :> 1 @@ 2 :> 0)",
                        "/\\ msgs = {" + VIEW_CHANGE + ", " + client + ", [type |-> \"Prepare\", v |-> 1, n |-> 1, d |-> \"a\", r |-> 1]}",
                        "/\\ votes = (\"x\" :> 1)", "/\\ log = <<1>>")),
                OptionalInt.of(2), true);
        for (Counterexample cx : List.of(pbftLike, many)) {
            ReadableCounterexample described = new CounterexamplePrinter().describe(cx);
            String text = new CounterexamplePrinter().print(cx);
            ReadableCounterexample.Parsed parsed = ReadableCounterexample.parse(text.lines().toList(), 0);
            assertEquals(described, parsed.counterexample(), text);
            assertEquals(text, parsed.counterexample().text());
            assertEquals(1, parsed.lineOfState().get(1));
        }
        ReadableCounterexample.Step mixed = (ReadableCounterexample.Step) new CounterexamplePrinter().describe(many).states().get(1);
        assertEquals("replica 1: view 0 -> 1, sends VIEW-CHANGE(v=1, P={n=1: (v=0, d=a)}), sends PREPARE(v=1, n=1, d=a); "
                + "votes[x]: 0 -> 1; log: <<>> -> <<1>>; sent REQUEST(d=\"a; b, c\"); msgs lost PREPARE(v=0, n=1, d=a, r=2)",
                mixed.description());
        assertEquals(List.of("VIEW-CHANGE", "PREPARE"), mixed.replicas().get(0).sends().stream()
                .map(ReadableCounterexample.Message::type).toList());
        assertEquals("1", mixed.replicas().get(0).changes().get(0).after());
        assertEquals("\"a; b, c\"", mixed.sent().get(0).fields().get("d"));
    }

    @Test
    void unreadableFilesAreOneLineNamingLineAndPart() {
        ReadableCounterexample.FormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                ReadableCounterexample.FormatException.class,
                () -> ReadableCounterexample.parse(List.of("1. Initial state", "     x = 0", "3. Next \u2014 x: 0 -> 1"), 0));
        assertEquals(3, e.line());
        assertEquals("step", e.field());
        assertEquals("expected state 2, got 3", e.problem());
    }
}
