package org.bftref.trace.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import tlc2.overrides.TLAPlusOperator;
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
 * TLC operator overrides for spec/pbft/TraceInput.tla: how TracePBFT.tla reads a trace and reports its verdict.
 * Runs inside the forked TLC JVM, never in the validator's.
 *
 * <p>The validator has already read, checked and merged the trace (with file and line for every error) and
 * written it to {@value #INPUT_PROPERTY} as normalized NDJSON: for each trace, its header and then one event per
 * line, fields as in FORMAT.md, without {@code lc} and {@code t}, every number within TLC's 32-bit integers, with
 * an index ({@value #INDEX_PROPERTY}) of where each trace starts and how many events it has. This class only turns
 * JSON into TLA+ values: objects into records, arrays into sets (every array of the format is a set), numbers
 * into integers, strings into strings. It replaces TraceInput.tla's TraceCount, TraceHeader, TraceLength and
 * TraceEvent (not Traces): TLC gets one event when it asks for it, read from the file by
 * {@link NormalizedTraceFile}, so it never holds a whole trace and its memory does not grow with the trace.
 *
 * <p>TLC finds this class through {@link tlc2.overrides.TLCOverrides}, the name TLC2 2.18 looks up.
 *
 * <p>TraceReport appends each verdict TLC reports, as one JSON line, to {@value #VERDICT_PROPERTY}.
 */
public final class TraceInputOverrides {

    public static final String INPUT_PROPERTY = "bftref.trace.input";
    public static final String INDEX_PROPERTY = "bftref.trace.index";
    public static final String VERDICT_PROPERTY = "bftref.trace.verdict";
    /** When "true", each verdict's retained heap is measured after a full collection (see {@link HeapWatch}). */
    public static final String MEASURE_HEAP_PROPERTY = "bftref.trace.measureHeap";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static NormalizedTraceFile traces;

    static {
        HeapWatch.start(); // TLC loads this class before it starts checking
    }

    private static synchronized NormalizedTraceFile traces() {
        if (traces == null) {
            traces = NormalizedTraceFile.open(Path.of(required(INPUT_PROPERTY)), Path.of(required(INDEX_PROPERTY)));
        }
        return traces;
    }

    @TLAPlusOperator(identifier = "TraceCount", module = "TraceInput", warn = false)
    public static Value traceCount() {
        return IntValue.gen(traces().traceCount());
    }

    @TLAPlusOperator(identifier = "TraceHeader", module = "TraceInput", warn = false)
    public static Value traceHeader(Value t) {
        return traces().header(integer(t, "TraceHeader"));
    }

    @TLAPlusOperator(identifier = "TraceLength", module = "TraceInput", warn = false)
    public static Value traceLength(Value t) {
        return IntValue.gen(traces().length(integer(t, "TraceLength")));
    }

    @TLAPlusOperator(identifier = "TraceEvent", module = "TraceInput", warn = false)
    public static Value traceEvent(Value t, Value k) {
        return traces().event(integer(t, "TraceEvent"), integer(k, "TraceEvent"));
    }

    private static int integer(Value v, String operator) {
        if (v instanceof IntValue i) {
            return i.val;
        }
        throw new IllegalArgumentException(operator + " takes integers, not " + v);
    }

    @TLAPlusOperator(identifier = "TraceReport", module = "TraceInput", warn = false)
    public static synchronized Value traceReport(Value verdict) {
        Path out = Path.of(required(VERDICT_PROPERTY));
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            ObjectNode line = (ObjectNode) toJson(verdict);
            line.put("peakHeapBytes", HeapWatch.peakBytes());
            line.put("retainedHeapBytes", HeapWatch.retainedBytes(Boolean.getBoolean(MEASURE_HEAP_PROPERTY)));
            w.write(JSON.writeValueAsString(line));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verdict to " + out, e);
        }
        return BoolValue.ValTrue;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (the validator sets it)");
        }
        return value;
    }

    /** JSON to TLA+: objects become records, arrays sets, integers integers, strings strings. */
    static Value toValue(JsonNode node) {
        if (node.isObject()) {
            List<UniqueString> names = new ArrayList<>();
            List<Value> values = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                names.add(UniqueString.uniqueStringOf(field.getKey()));
                values.add(toValue(field.getValue()));
            }
            RecordValue record = new RecordValue(names.toArray(new UniqueString[0]), values.toArray(new Value[0]), false);
            record.normalize();
            return record;
        }
        if (node.isArray()) {
            Value[] elements = new Value[node.size()];
            for (int k = 0; k < elements.length; k++) {
                elements[k] = toValue(node.get(k));
            }
            SetEnumValue set = new SetEnumValue(elements, false);
            set.normalize();
            return set;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return IntValue.gen(node.intValue());
        }
        if (node.isTextual()) {
            return new StringValue(node.textValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? BoolValue.ValTrue : BoolValue.ValFalse;
        }
        throw new IllegalArgumentException("not a value of the trace format: " + node);
    }

    /** TLA+ to JSON, for verdicts: records become objects, sets and tuples arrays, functions objects. */
    static JsonNode toJson(Value value) {
        if (value instanceof RecordValue record) {
            ObjectNode object = JSON.createObjectNode();
            for (int k = 0; k < record.names.length; k++) {
                object.set(record.names[k].toString(), toJson(record.values[k]));
            }
            return object;
        }
        if (value instanceof FcnRcdValue fcn) {
            ObjectNode object = JSON.createObjectNode();
            Value[] domain = fcn.getDomainAsValues();
            for (int k = 0; k < domain.length; k++) {
                object.set(domain[k] instanceof StringValue s ? s.getVal().toString() : domain[k].toString(),
                        toJson(fcn.values[k]));
            }
            return object;
        }
        if (value instanceof SetEnumValue set) {
            set.normalize();
            ArrayNode array = JSON.createArrayNode();
            for (int k = 0; k < set.elems.size(); k++) {
                array.add(toJson(set.elems.elementAt(k)));
            }
            return array;
        }
        if (value instanceof TupleValue tuple) {
            ArrayNode array = JSON.createArrayNode();
            for (Value v : tuple.elems) {
                array.add(toJson(v));
            }
            return array;
        }
        if (value instanceof IntValue i) {
            return JSON.getNodeFactory().numberNode(i.val);
        }
        if (value instanceof StringValue s) {
            return JSON.getNodeFactory().textNode(s.getVal().toString());
        }
        if (value instanceof BoolValue b) {
            return JSON.getNodeFactory().booleanNode(b.val);
        }
        // Other values (intervals, sets defined by a predicate) by their TLA+ text.
        return JSON.getNodeFactory().textNode(value.toString());
    }
}
