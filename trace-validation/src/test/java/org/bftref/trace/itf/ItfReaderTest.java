package org.bftref.trace.itf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The strict ITF reader: the committed traces read back, and one test per kind of bad input (no TLC here). */
class ItfReaderTest {

    private static final Path FILE = Path.of("t.itf.json");
    /** A one-state trace of one variable x; tests put a value or a whole state into it. */
    private static final String ONE = "{\"vars\":[\"x\"],\"states\":[{\"#meta\":{\"index\":0},\"x\":%s}]}";

    static byte[] resource(String name) throws Exception {
        try (InputStream in = ItfReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static ItfTrace read(String text) throws ItfFormatException {
        return ItfReader.read(FILE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static ItfValue valueOf(String json) throws ItfFormatException {
        return read(String.format(ONE, json)).states().get(0).get("x");
    }

    /** Reads, expects a failure, and checks that the message is one line naming the file, state and pointer. */
    private static ItfFormatException bad(String text, int state, String pointer, String reasonPart) {
        ItfFormatException e = assertThrows(ItfFormatException.class, () -> read(text));
        assertEquals(state, e.state(), e.getMessage());
        assertEquals(pointer, e.pointer(), e.getMessage());
        assertTrue(e.reason().contains(reasonPart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.itf.json"), e.getMessage());
        if (state >= 0) {
            assertTrue(e.getMessage().contains("state " + state + ": " + pointer + ": "), e.getMessage());
        }
        return e;
    }

    private static void badValue(String json, String pointer, String reasonPart) {
        bad(String.format(ONE, json), 0, pointer, reasonPart);
    }

    // ---- valid input

    @Test
    void apalacheStyleTraceReadsWithParamsAndEveryKindOfValue() throws Exception {
        ItfTrace t = ItfReader.read(FILE, resource("apalache-style.itf.json"));
        assertEquals(List.of("msgs", "normal", "prepared", "requested", "view"), t.vars());
        assertEquals(List.of("N", "F", "Byz", "Values", "NoOp", "MaxView", "MaxSeq"), t.params());
        assertEquals(7, t.states().size());
        assertEquals(-1, t.loop());
        assertEquals("MC_PBFT.tla", t.meta().get("source").asText());
        var last = t.states().get(6);
        assertEquals(new ItfValue.Int(BigInteger.valueOf(4)), last.get("N"));
        assertInstanceOf(ItfValue.MapOf.class, last.get("view"));
        ItfValue.MapOf prepared = (ItfValue.MapOf) last.get("prepared");
        ItfValue.SetOf ofReplica1 = (ItfValue.SetOf) prepared.entries().get(1).value();
        assertEquals(new ItfValue.Tup(List.of(new ItfValue.Int(BigInteger.ZERO), new ItfValue.Int(BigInteger.ONE),
                new ItfValue.Str("a"))), ofReplica1.elements().get(0));
        ItfValue.SetOf msgs = (ItfValue.SetOf) last.get("msgs");
        assertEquals(5, msgs.elements().size());
        assertInstanceOf(ItfValue.Rec.class, msgs.elements().get(0));
    }

    @Test
    void generatedTracesRead() throws Exception {
        for (String name : List.of("normal-case.itf.json", "view-change.itf.json", "faulty-backup.itf.json",
                "random-walk.itf.json")) {
            ItfTrace t = ItfReader.read(Path.of(name), resource(name));
            assertTrue(t.states().size() > 5, name);
            assertTrue(t.meta().has("constants"), name);
        }
    }

    @Test
    void valuesOfEveryKind() throws Exception {
        assertEquals(new ItfValue.Int(new BigInteger("-123456789012345678901234567890")),
                valueOf("{\"#bigint\":\"-123456789012345678901234567890\"}"));
        assertEquals(new ItfValue.Bool(true), valueOf("true"));
        assertEquals(new ItfValue.Str("#set"), valueOf("\"#set\""));
        assertEquals(new ItfValue.Seq(List.of(new ItfValue.Str("a"))), valueOf("[\"a\"]"));
        assertEquals(new ItfValue.SetOf(List.of()), valueOf("{\"#set\":[]}"));
        assertEquals(new ItfValue.MapOf(List.of(new ItfValue.Pair(new ItfValue.Str("k"), new ItfValue.Bool(false)))),
                valueOf("{\"#map\":[[\"k\",false]]}"));
        assertEquals("[a |-> 1, b |-> <<\"x\">>]", ItfText.tla(valueOf("{\"a\":{\"#bigint\":\"1\"},\"b\":{\"#tup\":[\"x\"]}}")));
        assertEquals(1, read("{\"vars\":[\"x\"],\"loop\":1,\"states\":[{\"x\":true},{\"x\":false}]}").loop());
    }

    @Test
    void writtenJsonReadsBackAsTheSameValue() throws Exception {
        String json = "{\"a\":{\"#set\":[{\"#tup\":[{\"#bigint\":\"1\"},\"x\"]}]},\"m\":{\"#map\":[[{\"#bigint\":\"2\"},[true]]]}}";
        ItfValue v = valueOf(json);
        assertEquals(v, valueOf(ItfText.json(v).toString()));
        assertEquals(ItfText.canonical(valueOf("{\"#set\":[\"b\",\"a\"]}")), ItfText.canonical(valueOf("{\"#set\":[\"a\",\"b\",\"a\"]}")));
    }

    // ---- the whole file

    @Test
    void emptyFile() {
        bad("", -1, "", "empty file");
        bad(" \n\t", -1, "", "empty file");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        ItfFormatException e = bad("{\"vars\": [\"x\"],\n \"states\": [{\"x\": tru}]}", -1, "", "malformed JSON");
        assertTrue(e.getMessage().startsWith("t.itf.json:2:"), e.getMessage());
    }

    @Test
    void invalidUtf8() {
        byte[] bytes = "{\"vars\":[\"x\"],\"states\":[{\"x\":\"\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        ItfFormatException e = assertThrows(ItfFormatException.class, () -> ItfReader.read(FILE, bytes));
        assertTrue(e.getMessage().startsWith("t.itf.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void duplicateKey() {
        bad("{\"vars\":[\"x\"],\"states\":[{\"x\":true,\"x\":false}]}", -1, "", "Duplicate field");
    }

    @Test
    void notAnObject() {
        bad("[1, 2]", -1, "", "one JSON object");
    }

    @Test
    void unknownTopLevelField() {
        bad("{\"vars\":[\"x\"],\"states\":[{\"x\":true}],\"extra\":1}", -1, "/extra", "unknown field");
    }

    @Test
    void missingVarsOrStates() {
        bad("{\"states\":[{\"x\":true}]}", -1, "/vars", "missing");
        bad("{\"vars\":[\"x\"]}", -1, "/states", "missing");
        bad("{\"vars\":[\"x\"],\"states\":{}}", -1, "/states", "array of states");
        bad("{\"vars\":[\"x\"],\"states\":[]}", -1, "/states", "no states");
        bad("{\"vars\":\"x\",\"states\":[{\"x\":true}]}", -1, "/vars", "array of names");
        bad("{\"vars\":[\"x\",\"x\"],\"states\":[{\"x\":true}]}", -1, "/vars/1", "twice");
        bad("{\"vars\":[1],\"states\":[{\"x\":true}]}", -1, "/vars/0", "non-empty string");
    }

    @Test
    void loopOutOfRange() {
        bad("{\"vars\":[\"x\"],\"loop\":3,\"states\":[{\"x\":true}]}", -1, "/loop", "not the index of a state");
    }

    // ---- states

    @Test
    void stateLackingAVariable() {
        bad("{\"vars\":[\"x\",\"y\"],\"states\":[{\"x\":true,\"y\":true},{\"x\":true}]}", 1, "/states/1/y", "lacks variable y");
    }

    @Test
    void stateWithAnUnlistedKey() {
        bad("{\"vars\":[\"x\"],\"states\":[{\"x\":true,\"z\":true}]}", 0, "/states/0/z", "not a variable");
    }

    @Test
    void stateThatIsNotAnObject() {
        bad("{\"vars\":[\"x\"],\"states\":[{\"x\":true},[]]}", 1, "/states/1", "must be an object");
    }

    @Test
    void stateIndexInMetaMustBeItsPosition() {
        bad("{\"vars\":[\"x\"],\"states\":[{\"#meta\":{\"index\":0},\"x\":true},{\"#meta\":{\"index\":2},\"x\":true}]}",
                1, "/states/1/#meta/index", "a state is missing");
    }

    @Test
    void paramsMissingInAState() {
        bad("{\"params\":[\"N\"],\"vars\":[\"x\"],\"states\":[{\"x\":true}]}", 0, "/states/0/N", "lacks parameter N");
    }

    // ---- values

    @Test
    void bigintThatIsNotADecimalString() {
        badValue("{\"#bigint\":12}", "/states/0/x/#bigint", "decimal integer as a string");
        badValue("{\"#bigint\":\"12a\"}", "/states/0/x/#bigint", "decimal integer");
        badValue("{\"#bigint\":\"1.5\"}", "/states/0/x/#bigint", "decimal integer");
        badValue("{\"#bigint\":\"\"}", "/states/0/x/#bigint", "decimal integer");
        badValue("{\"#bigint\":\"0x1f\"}", "/states/0/x/#bigint", "decimal integer");
    }

    @Test
    void jsonNumbersAndNullAreNotItfValues() {
        badValue("4", "/states/0/x", "JSON number");
        badValue("{\"a\":[1]}", "/states/0/x/a/0", "JSON number");
        badValue("null", "/states/0/x", "null");
    }

    @Test
    void unknownHashKey() {
        badValue("{\"#sets\":[]}", "/states/0/x/#sets", "unknown ITF key");
        badValue("{\"#unserializable\":\"Nat\"}", "/states/0/x/#unserializable", "could not serialize");
    }

    @Test
    void wrongShapes() {
        badValue("{\"#set\":{}}", "/states/0/x/#set", "must hold an array");
        badValue("{\"#tup\":\"ab\"}", "/states/0/x/#tup", "must hold an array");
        badValue("{\"#map\":[[\"k\"]]}", "/states/0/x/#map/0", "[key, value]");
        badValue("{\"#map\":[\"k\",\"v\"]}", "/states/0/x/#map/0", "[key, value]");
        badValue("{\"#set\":[],\"other\":1}", "/states/0/x", "no other key");
        badValue("{\"#map\":[[\"k\",true],[\"k\",false]]}", "/states/0/x/#map/1/0", "appears twice");
    }

    @Test
    void pointerEscapesSlashAndTilde() {
        badValue("{\"a/b\":{\"c~d\":4}}", "/states/0/x/a~1b/c~0d", "JSON number");
    }

    @Test
    void nestingTooDeep() {
        String deep = "[".repeat(ItfReader.MAX_DEPTH + 2) + "]".repeat(ItfReader.MAX_DEPTH + 2);
        ItfFormatException e = assertThrows(ItfFormatException.class, () -> read(String.format(ONE, deep)));
        assertTrue(e.reason().contains("nested deeper"), e.getMessage());
    }
}
