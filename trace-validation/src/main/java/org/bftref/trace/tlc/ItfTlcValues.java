package org.bftref.trace.tlc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bftref.trace.itf.ItfFormatException;
import org.bftref.trace.itf.ItfValue;

import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * ITF values as TLC values: #bigint as IntValue, strings as StringValue, booleans as BoolValue, #set as
 * SetEnumValue, arrays and #tup as TupleValue, records as RecordValue, #map as FcnRcdValue.
 *
 * <p>Used twice with the same code: by the validator, before TLC starts, only to find values TLC cannot hold
 * (an integer beyond 32 bits, a set or #map whose elements TLC cannot order because they mix kinds, such as
 * integers and strings), so that those are bad input (exit code 2, with state and JSON pointer) rather than a
 * TLC error; and by {@link ItfInputOverrides} inside TLC. Building values runs no part of TLC's model checker.
 */
public final class ItfTlcValues {

    private ItfTlcValues() {
    }

    public static Value toTlc(ItfValue value, Path file, int state, String pointer) throws ItfFormatException {
        if (value instanceof ItfValue.Int i) {
            if (i.value().bitLength() > 31) {
                throw new ItfFormatException(file, state, pointer, i.value() + " is beyond TLC's 32-bit integers");
            }
            return IntValue.gen(i.value().intValue());
        }
        if (value instanceof ItfValue.Str s) {
            return new StringValue(s.value());
        }
        if (value instanceof ItfValue.Bool b) {
            return b.value() ? BoolValue.ValTrue : BoolValue.ValFalse;
        }
        if (value instanceof ItfValue.Seq seq) {
            return new TupleValue(all(seq.elements(), file, state, pointer));
        }
        if (value instanceof ItfValue.Tup tup) {
            return new TupleValue(all(tup.elements(), file, state, pointer + "/#tup"));
        }
        if (value instanceof ItfValue.SetOf set) {
            SetEnumValue out = new SetEnumValue(all(set.elements(), file, state, pointer + "/#set"), false);
            normalize(out, file, state, pointer + "/#set", "a set whose elements");
            return out;
        }
        if (value instanceof ItfValue.Rec rec) {
            UniqueString[] names = new UniqueString[rec.fields().size()];
            Value[] values = new Value[names.length];
            int k = 0;
            for (Map.Entry<String, ItfValue> f : rec.fields().entrySet()) {
                names[k] = UniqueString.uniqueStringOf(f.getKey());
                values[k] = toTlc(f.getValue(), file, state, pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"));
                k++;
            }
            RecordValue out = new RecordValue(names, values, false);
            normalize(out, file, state, pointer, "a record whose fields");
            return out;
        }
        ItfValue.MapOf map = (ItfValue.MapOf) value;
        Value[] keys = new Value[map.entries().size()];
        Value[] values = new Value[keys.length];
        for (int k = 0; k < keys.length; k++) {
            String at = pointer + "/#map/" + k;
            keys[k] = toTlc(map.entries().get(k).key(), file, state, at + "/0");
            values[k] = toTlc(map.entries().get(k).value(), file, state, at + "/1");
        }
        FcnRcdValue out = new FcnRcdValue(keys, values, false);
        normalize(out, file, state, pointer + "/#map", "a #map whose keys");
        return out;
    }

    private static Value[] all(List<ItfValue> elements, Path file, int state, String pointer) throws ItfFormatException {
        Value[] out = new Value[elements.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = toTlc(elements.get(k), file, state, pointer + "/" + k);
        }
        return out;
    }

    /** TLC keeps sets, records and functions sorted; it cannot sort values of different kinds. */
    private static void normalize(Value value, Path file, int state, String pointer, String what)
            throws ItfFormatException {
        try {
            value.normalize();
        } catch (RuntimeException e) {
            throw new ItfFormatException(file, state, pointer, what + " TLC cannot compare (they mix kinds of "
                    + "values, such as integers and strings): " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s+", " ");
    }
}
