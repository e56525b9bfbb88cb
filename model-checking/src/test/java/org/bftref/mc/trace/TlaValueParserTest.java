package org.bftref.mc.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TlaValueParserTest {

    private static TlaValue.Int i(long v) {
        return new TlaValue.Int(BigInteger.valueOf(v));
    }

    @Test
    void parsesScalars() {
        assertEquals(i(-3), TlaValueParser.parse("-3"));
        assertEquals(new TlaValue.Bool(true), TlaValueParser.parse("TRUE"));
        assertEquals(new TlaValue.ModelValue("r1"), TlaValueParser.parse("r1"));
        assertEquals(new TlaValue.Str("a \"quoted\"\\ b"), TlaValueParser.parse("\"a \\\"quoted\\\"\\\\ b\""));
        assertEquals(new TlaValue.Interval(BigInteger.ONE, BigInteger.valueOf(3)), TlaValueParser.parse("1..3"));
    }

    @Test
    void parsesRecordsSetsTuplesAndFunctions() {
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        fields.put("type", new TlaValue.Str("Prepare"));
        fields.put("v", i(0));
        fields.put("P", new TlaValue.SetValue(List.of()));
        assertEquals(new TlaValue.SetValue(List.of(new TlaValue.Record(fields))),
                TlaValueParser.parse("{[type |-> \"Prepare\", v |-> 0, P |-> {}]}"));
        assertEquals(new TlaValue.Seq(List.of(i(1), new TlaValue.Seq(List.of()))), TlaValueParser.parse("<<1, <<>>>>"));
        Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
        mapping.put(new TlaValue.ModelValue("r1"), i(0));
        mapping.put(new TlaValue.ModelValue("r2"), i(1));
        assertEquals(new TlaValue.Function(mapping), TlaValueParser.parse("(r1 :> 0 @@ r2 :> 1)"));
    }

    @Test
    void parsesValuesTlcBrokeOverSeveralLines() {
        String printed = "{ [ type |-> \"ViewChange\",\n    v |-> 1,\n    P |-> {[v |-> 0, n |-> 1, d |-> a]},\n"
                + "    from |-> r1 ],\n  [type |-> \"PrePrepare\", v |-> 0, n |-> 1, d |-> a, r |-> r1] }";
        TlaValue.SetValue set = assertInstanceOf(TlaValue.SetValue.class, TlaValueParser.parse(printed));
        assertEquals(2, set.elements().size());
        TlaValue.Record viewChange = assertInstanceOf(TlaValue.Record.class, set.elements().get(0));
        assertEquals(new TlaValue.ModelValue("r1"), viewChange.get("from"));
    }

    @Test
    void keepsWhatItCannotParseAsText() {
        assertEquals(new TlaValue.Unparsed("[a: {1, 2} -> BOOLEAN]"), TlaValueParser.parse("[a: {1, 2}\n  -> BOOLEAN]"));
        assertEquals(new TlaValue.Unparsed("{1, 2"), TlaValueParser.parse("{1, 2"));
    }
}
