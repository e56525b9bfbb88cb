package org.bftref.trace.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.trace.itf.ItfFormatException;
import org.bftref.trace.itf.ItfTraceGenerator;
import org.bftref.trace.itf.ItfWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ITF traces checked against PBFT.tla by TLC (each validation forks one TLC): the committed traces are accepted;
 * each mutation that leaves PBFT.tla is rejected at the state where it does so, naming the action the step looks
 * like and the failing condition; the writer reproduces a committed trace from TLC.
 */
class ItfValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static ObjectNode resource(String name) throws Exception {
        try (InputStream in = ItfValidationTest.class.getResourceAsStream("/org/bftref/trace/itf/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private ItfVerdict validate(String name, ObjectNode itf) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, JSON.writeValueAsString(itf), StandardCharsets.UTF_8);
        return TraceValidator.validateItf(file, Map.of(),
                TraceValidator.Options.defaults().withWorkDirectory(dir.resolve("work-" + name)));
    }

    private static ArrayNode states(ObjectNode itf) {
        return (ArrayNode) itf.get("states");
    }

    /** Renumbers the states' #meta.index after states were removed or inserted, as a writer would. */
    private static ObjectNode renumbered(ObjectNode itf) {
        for (int k = 0; k < states(itf).size(); k++) {
            ((ObjectNode) states(itf).get(k).get("#meta")).put("index", k);
        }
        return itf;
    }

    private static ArrayNode msgs(JsonNode state) {
        return (ArrayNode) state.get("msgs").get("#set");
    }

    private static int firstStateWith(ObjectNode itf, Predicate<JsonNode> message) {
        for (int k = 0; k < states(itf).size(); k++) {
            for (JsonNode m : msgs(states(itf).get(k))) {
                if (message.test(m)) {
                    return k;
                }
            }
        }
        throw new AssertionError("no state has such a message");
    }

    private static ObjectNode integer(int k) {
        ObjectNode o = JSON.createObjectNode();
        o.put("#bigint", Integer.toString(k));
        return o;
    }

    private static void assertRejected(ItfVerdict v, int state, String action, String reasonPart) {
        assertFalse(v.accepted(), v.text());
        assertEquals(state, v.rejectedAt(), v.text());
        assertEquals(action, v.action(), v.text());
        assertTrue(v.reason().contains(reasonPart), v.text());
        assertTrue(v.text().startsWith("rejected at state " + state + " ("), v.text());
        assertEquals(state, v.json().get("state").asInt());
    }

    @Test
    void committedTracesAreAccepted() throws Exception {
        for (String name : List.of("normal-case.itf.json", "view-change.itf.json", "faulty-backup.itf.json",
                "random-walk.itf.json", "apalache-style.itf.json")) {
            ItfVerdict v = validate(name, resource(name));
            assertTrue(v.accepted(), name + ": " + v.text());
            assertEquals(states(resource(name)).size(), v.states());
            assertEquals("accepted", v.json().get("verdict").asText());
        }
    }

    /**
     * ITF validation forks TLC through the same launcher as NDJSON validation, so it hears TLC's progress (its
     * final count: one distinct state per ITF state) and measures TLC's heap when asked; it used to do neither.
     */
    @Test
    void itfValidationReportsProgressAndHeapLikeTraceValidation() throws Exception {
        String name = "view-change.itf.json";
        Path file = dir.resolve(name);
        Files.writeString(file, JSON.writeValueAsString(resource(name)), StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
        ItfVerdict v = TraceValidator.validateItf(file, Map.of(), TraceValidator.Options.defaults()
                .withWorkDirectory(dir.resolve("work-progress")).withProgress(last::set).withHeapMeasured());
        assertTrue(v.accepted(), v.text());
        assertEquals(states(resource(name)).size(), last.get(), "TLC's last count of distinct states");
        assertTrue(v.retainedHeapBytes() > 0, "retained heap " + v.retainedHeapBytes());
        assertTrue(v.peakHeapBytes() >= v.retainedHeapBytes() / 2, "peak " + v.peakHeapBytes());
    }

    @Test
    void droppedStateIsRejectedWhereTheTwoStepsMerge() throws Exception {
        ObjectNode itf = resource("faulty-backup.itf.json");
        states(itf).remove(5);
        // States 4 -> 6 of the original: a PREPARE and a COMMIT at once; the COMMIT's certificate lacks the PREPARE.
        assertRejected(validate("drop.json", renumbered(itf)), 5, "SendCommit", "RULE prepare quorum");
    }

    @Test
    void messageWithAnotherViewIsRejectedWhereItIsSent() throws Exception {
        ObjectNode itf = resource("view-change.itf.json");
        Predicate<JsonNode> prepareInView0 = m -> m.get("type").asText().equals("Prepare") && m.get("v").equals(integer(0));
        int k = firstStateWith(itf, prepareInView0);
        JsonNode sender = null;
        for (JsonNode m : msgs(states(itf).get(k))) {
            if (prepareInView0.test(m)) {
                sender = m.get("r");
            }
        }
        for (int j = k; j < states(itf).size(); j++) {
            for (JsonNode m : msgs(states(itf).get(j))) {
                if (prepareInView0.test(m) && m.get("r").equals(sender)) {
                    ((ObjectNode) m).set("v", integer(1));
                }
            }
        }
        ItfVerdict v = validate("view.json", itf);
        assertRejected(v, k, "SendPrepare", "the replica is the primary of view v, not a backup");
        assertEquals(1, v.params().get("v").asInt());
    }

    @Test
    void prepareVoteWithoutPrePrepareIsRejected() throws Exception {
        ObjectNode itf = resource("faulty-backup.itf.json");
        // After the PRE-PREPARE of a at sequence number 1, backup 1 votes for b at 1: no PRE-PREPARE allows that.
        int k = firstStateWith(itf, m -> m.get("type").asText().equals("PrePrepare") && m.get("n").equals(integer(1)));
        JsonNode pp = null;
        for (JsonNode m : msgs(states(itf).get(k))) {
            if (m.get("type").asText().equals("PrePrepare") && m.get("n").equals(integer(1))) {
                pp = m;
            }
        }
        String other = pp.get("d").asText().equals("a") ? "b" : "a";
        ObjectNode inserted = states(itf).get(k).deepCopy();
        ObjectNode requested = (ObjectNode) inserted.get("requested");
        requested.putArray("#set").add("a").add("b");
        ObjectNode vote = msgs(inserted).addObject();
        vote.put("type", "Prepare").set("v", integer(0));
        vote.set("n", integer(1));
        vote.put("d", other).set("r", integer(1));
        // The requests are there before the vote (a ClientRequest step), so that only the vote is wrong.
        ObjectNode withRequests = states(itf).get(k).deepCopy();
        withRequests.set("requested", requested.deepCopy());
        boolean requestAdded = !withRequests.equals(states(itf).get(k));
        int at = k + 1;
        if (requestAdded) {
            states(itf).insert(at++, withRequests);
        }
        states(itf).insert(at, inserted);
        assertRejected(validate("vote.json", renumbered(itf)), at, "SendPrepare", "no PRE-PREPARE for (v, n, d) exists");
    }

    @Test
    void commitWithoutPrepareQuorumIsRejected() throws Exception {
        ObjectNode itf = resource("normal-case.itf.json");
        int k = firstStateWith(itf, m -> m.get("type").asText().equals("Prepare"));
        JsonNode prepare = null;
        for (JsonNode m : msgs(states(itf).get(k))) {
            if (m.get("type").asText().equals("Prepare")) {
                prepare = m;
            }
        }
        ObjectNode inserted = states(itf).get(k).deepCopy();
        ObjectNode commit = ((ObjectNode) prepare.deepCopy()).put("type", "Commit");
        msgs(inserted).add(commit);
        for (JsonNode entry : inserted.get("prepared").get("#map")) {
            if (entry.get(0).equals(prepare.get("r"))) {
                ArrayNode tuple = ((ArrayNode) entry.get(1).get("#set")).addObject().putArray("#tup");
                tuple.add(prepare.get("v")).add(prepare.get("n")).add(prepare.get("d"));
            }
        }
        states(itf).insert(k + 1, inserted);
        assertRejected(validate("commit.json", renumbered(itf)), k + 1, "SendCommit",
                "fewer than 2f PREPAREs for (v, n, d) exist (RULE prepare quorum)");
    }

    @Test
    void variableOfTheWrongTypeIsRejectedAtItsState() throws Exception {
        ObjectNode itf = resource("normal-case.itf.json");
        ArrayNode view = (ArrayNode) states(itf).get(3).get("view").get("#map");
        ((ArrayNode) view.get(1)).set(1, JSON.getNodeFactory().textNode("0"));
        ItfVerdict v = validate("type.json", itf);
        assertRejected(v, 3, "TypeOK", "view maps a replica to a value that is not an integer");

        ObjectNode asSet = resource("normal-case.itf.json");
        ((ObjectNode) states(asSet).get(2)).set("normal", JSON.createObjectNode().set("#set", JSON.createArrayNode()));
        assertRejected(validate("type2.json", asSet), 2, "TypeOK", "normal is not a #map");
    }

    @Test
    void initialStateMustSatisfyInit() throws Exception {
        ObjectNode itf = resource("normal-case.itf.json");
        ((ObjectNode) states(itf).get(0)).set("requested", states(itf).get(1).get("requested"));
        assertRejected(validate("init.json", itf), 0, "Init", "requested is not empty");
    }

    /** Applies {@code change} to every message matching {@code which} in the states from {@code from} on. */
    private static void everyMessage(ObjectNode itf, int from, Predicate<JsonNode> which,
                                     java.util.function.Consumer<ObjectNode> change) {
        for (int k = from; k < states(itf).size(); k++) {
            for (JsonNode m : msgs(states(itf).get(k))) {
                if (which.test(m)) {
                    change.accept((ObjectNode) m);
                }
            }
        }
    }

    private static Predicate<JsonNode> type(String type) {
        return m -> m.get("type").asText().equals(type);
    }

    @Test
    void viewChangeClaimingACertificateItDoesNotHoldIsRejected() throws Exception {
        ObjectNode itf = resource("view-change.itf.json");
        int k = firstStateWith(itf, type("ViewChange"));
        JsonNode sender = null;
        for (JsonNode m : msgs(states(itf).get(k))) {
            sender = type("ViewChange").test(m) ? m.get("r") : sender;
        }
        JsonNode r = sender;
        ObjectNode cert = JSON.createObjectNode().put("d", "a");
        cert.set("n", integer(1));
        cert.set("v", integer(0));
        everyMessage(itf, k, m -> type("ViewChange").test(m) && m.get("r").equals(r),
                m -> m.putObject("P").putArray("#set").add(cert));
        assertRejected(validate("vc.json", itf), k, "SendViewChange", "P is not the replica's highest prepared certificates");
    }

    @Test
    void newViewWithAnOThatNoViewChangesYieldIsRejected() throws Exception {
        ObjectNode itf = resource("view-change.itf.json");
        int k = firstStateWith(itf, type("NewView"));
        everyMessage(itf, k, type("NewView"), m -> ((ObjectNode) m.get("O").get("#set").get(0)).put("d", "NoOp"));
        everyMessage(itf, k, m -> type("PrePrepare").test(m) && m.get("v").equals(integer(1)), m -> m.put("d", "NoOp"));
        assertRejected(validate("nv.json", itf), k, "SendNewView", "RULE new-view O");
    }

    @Test
    void twoReplicasInOneStepAndVanishingMessagesAreNoAction() throws Exception {
        ObjectNode itf = resource("view-change.itf.json");
        int k = firstStateWith(itf, type("NewView"));
        // State k - 1 is the second VIEW-CHANGE (replica 2), state k the NEW-VIEW (replica 1): merge the two.
        states(itf).remove(k - 1);
        assertRejected(validate("two.json", renumbered(itf)), k - 1, "none", "change in one step");

        ObjectNode vanish = resource("view-change.itf.json");
        int last = states(vanish).size() - 1;
        msgs(states(vanish).get(last)).remove(0);
        ItfVerdict v = validate("vanish.json", vanish);
        assertRejected(v, last, "none", "a message disappeared");
        assertTrue(v.text().contains("no action of PBFT.tla: a message disappeared"), v.text());
    }

    @Test
    void repeatedStateIsAStutteringStepAndAccepted() throws Exception {
        ObjectNode itf = resource("view-change.itf.json");
        states(itf).insert(4, states(itf).get(4).deepCopy());
        ItfVerdict v = validate("stutter.json", renumbered(itf));
        assertTrue(v.accepted(), v.text());
    }

    @Test
    void writerReproducesACommittedTraceFromTlc() throws Exception {
        ItfTraceGenerator.Model model = ItfTraceGenerator.MODELS.get(0);
        ObjectNode made = ItfTraceGenerator.generate(model, dir.resolve("gen"));
        assertEquals(resource(model.name() + ".itf.json"), made,
                "TLC's breadth-first counterexample is deterministic with one worker; regenerate the resources "
                        + "with ItfTraceGenerator.main if PBFT.tla changed");
        assertEquals(made, JSON.readTree(ItfWriter.text(made)));
    }

    // ---- bad input the validator finds before TLC starts (no TLC runs)

    private ItfFormatException badInput(String name, ObjectNode itf) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, JSON.writeValueAsString(itf), StandardCharsets.UTF_8);
        ItfFormatException e = assertThrows(ItfFormatException.class, () -> TraceValidator.validateItf(file));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void variablesMustBePbftsExactly() throws Exception {
        ObjectNode itf = resource("normal-case.itf.json");
        ((ArrayNode) itf.get("vars")).add("extra");
        for (JsonNode s : states(itf)) {
            ((ObjectNode) s).put("extra", true);
        }
        assertEquals("/vars/5", badInput("extra.json", itf).pointer());

        ObjectNode lacking = resource("normal-case.itf.json");
        ArrayNode vars = (ArrayNode) lacking.get("vars");
        for (int k = 0; k < vars.size(); k++) {
            if (vars.get(k).asText().equals("normal")) {
                vars.remove(k);
            }
        }
        for (JsonNode s : states(lacking)) {
            ((ObjectNode) s).remove("normal");
        }
        assertTrue(badInput("lacking.json", lacking).reason().contains("lacks normal"));
    }

    @Test
    void constantsMustBeGivenAndWellTyped() throws Exception {
        ObjectNode itf = resource("normal-case.itf.json");
        ((ObjectNode) itf.get("#meta")).remove("constants");
        assertTrue(badInput("none.json", itf).reason().contains("N, F, Byz, Values, NoOp, MaxView, MaxSeq"));

        ObjectNode wrong = resource("normal-case.itf.json");
        ((ObjectNode) wrong.get("#meta").get("constants")).put("NoOp", "a");
        ItfFormatException e = badInput("noop.json", wrong);
        assertEquals("/#meta/constants/NoOp", e.pointer());
        assertTrue(e.reason().contains("NoOp \\notin Values"), e.getMessage());

        ObjectNode param = resource("apalache-style.itf.json");
        ((ObjectNode) states(param).get(4)).set("MaxView", integer(2));
        e = badInput("param.json", param);
        assertEquals(4, e.state());
        assertEquals("/states/4/MaxView", e.pointer());
    }

    @Test
    void valuesTlcCannotHoldAreBadInput() throws Exception {
        ObjectNode mixed = resource("normal-case.itf.json");
        ((ArrayNode) states(mixed).get(2).get("requested").get("#set")).add(integer(7));
        ItfFormatException e = badInput("mixed.json", mixed);
        assertEquals(2, e.state());
        assertEquals("/states/2/requested/#set", e.pointer());
        assertTrue(e.reason().contains("cannot compare"), e.getMessage());

        ObjectNode big = resource("normal-case.itf.json");
        ((ArrayNode) states(big).get(1).get("view").get("#map").get(0)).set(1,
                JSON.createObjectNode().put("#bigint", "4294967296"));
        e = badInput("big.json", big);
        assertEquals("/states/1/view/#map/0/1", e.pointer());
        assertTrue(e.reason().contains("32-bit"), e.getMessage());
    }
}
