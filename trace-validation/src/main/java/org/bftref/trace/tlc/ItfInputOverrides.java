package org.bftref.trace.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.trace.itf.ItfFormatException;
import org.bftref.trace.itf.ItfReader;
import org.bftref.trace.itf.ItfTrace;
import org.bftref.trace.itf.ItfValue;

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
 * TLC operator overrides for spec/pbft/ITFInput.tla: how ITFPBFT.tla reads an ITF trace and reports its verdict.
 * Runs inside the forked TLC JVM, never in the validator's.
 *
 * <p>The validator has already read and checked the ITF file (every error with state and JSON pointer),
 * resolved PBFT's constants, and written them to {@value #INPUT_PROPERTY} as
 * {@code {"itf": "<path of the ITF file>", "constants": {"N": <ITF value>, ...}}}. This class reads both once,
 * when TLC first asks, and turns ITF values into TLC values with {@link ItfTlcValues}.
 *
 * <p>ITFReport appends the verdict, as one JSON line, to {@value #VERDICT_PROPERTY}, with TLC's heap as
 * {@link TraceInputOverrides} reports it (measured after a full collection when
 * {@value TraceInputOverrides#MEASURE_HEAP_PROPERTY} is "true").
 */
public final class ItfInputOverrides {

    public static final String INPUT_PROPERTY = "bftref.itf.input";
    public static final String VERDICT_PROPERTY = "bftref.itf.verdict";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Value constants;
    private static Value states;

    static {
        HeapWatch.start(); // TLC loads this class before it starts checking
    }

    @TLAPlusOperator(identifier = "ITFConstants", module = "ITFInput", warn = false)
    public static synchronized Value constants() {
        load();
        return constants;
    }

    @TLAPlusOperator(identifier = "ITFStates", module = "ITFInput", warn = false)
    public static synchronized Value states() {
        load();
        return states;
    }

    @TLAPlusOperator(identifier = "ITFKind", module = "ITFInput", warn = false)
    public static Value kind(Value value) {
        return new StringValue(kindOf(value));
    }

    @TLAPlusOperator(identifier = "ITFReport", module = "ITFInput", warn = false)
    public static synchronized Value report(Value verdict) {
        Path out = Path.of(required(VERDICT_PROPERTY));
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            ObjectNode line = (ObjectNode) TraceInputOverrides.toJson(verdict);
            line.put("peakHeapBytes", HeapWatch.peakBytes());
            line.put("retainedHeapBytes", HeapWatch.retainedBytes(
                    Boolean.getBoolean(TraceInputOverrides.MEASURE_HEAP_PROPERTY)));
            w.write(JSON.writeValueAsString(line));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verdict to " + out, e);
        }
        return BoolValue.ValTrue;
    }

    /** ITFInput.tla's kinds; "other" for values no ITF file produces. */
    static String kindOf(Value value) {
        if (value instanceof IntValue) {
            return "int";
        }
        if (value instanceof StringValue) {
            return "string";
        }
        if (value instanceof BoolValue) {
            return "bool";
        }
        if (value instanceof RecordValue) {
            return "record";
        }
        if (value instanceof TupleValue) {
            return "tuple";
        }
        if (value instanceof FcnRcdValue) {
            return "map";
        }
        if (value instanceof SetEnumValue) {
            return "set";
        }
        return "other";
    }

    private static void load() {
        if (states != null) {
            return;
        }
        Path input = Path.of(required(INPUT_PROPERTY));
        try {
            JsonNode settings = JSON.readTree(input.toFile());
            ItfTrace trace = ItfReader.read(Path.of(settings.get("itf").asText()));
            constants = record(settings.get("constants"), input);
            Value[] all = new Value[trace.states().size()];
            for (int k = 0; k < all.length; k++) {
                all[k] = state(trace, k);
            }
            states = new TupleValue(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        } catch (ItfFormatException e) {
            // The validator read the same file with the same reader before TLC started.
            throw new IllegalStateException("the ITF file changed after it was checked: " + e.getMessage(), e);
        }
    }

    private static Value state(ItfTrace trace, int k) throws ItfFormatException {
        List<String> vars = trace.vars();
        UniqueString[] names = new UniqueString[vars.size()];
        Value[] values = new Value[names.length];
        for (int j = 0; j < names.length; j++) {
            names[j] = UniqueString.uniqueStringOf(vars.get(j));
            values[j] = ItfTlcValues.toTlc(trace.states().get(k).get(vars.get(j)), trace.file(), k,
                    "/states/" + k + "/" + vars.get(j));
        }
        RecordValue record = new RecordValue(names, values, false);
        record.normalize();
        return record;
    }

    private static Value record(JsonNode object, Path file) throws ItfFormatException {
        int size = object.size();
        UniqueString[] names = new UniqueString[size];
        Value[] values = new Value[size];
        int j = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); j++) {
            Map.Entry<String, JsonNode> f = it.next();
            names[j] = UniqueString.uniqueStringOf(f.getKey());
            ItfValue value = ItfReader.value(file, f.getValue(), "/constants/" + f.getKey());
            values[j] = ItfTlcValues.toTlc(value, file, -1, "/constants/" + f.getKey());
        }
        RecordValue record = new RecordValue(names, values, false);
        record.normalize();
        return record;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (the validator sets it)");
        }
        return value;
    }
}
