package org.bftref.trace.itf;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.mc.tlc.Outcome;
import org.bftref.mc.tlc.TlcOutputAnalyzer;
import org.bftref.mc.tlc.ToolOutputParser;
import org.bftref.mc.trace.Counterexample;
import org.bftref.mc.trace.TlaValue;
import org.bftref.mc.trace.TraceState;

/**
 * Writes a behaviour TLC printed (a counterexample of a model of PBFT.tla, from TLC's {@code -tool} output) as an
 * ITF trace in the style Apalache writes: {@code #meta} with format and source, {@code vars}, and every state
 * with {@code "#meta": {"index": k}}; integers as {@code #bigint}, sets as {@code #set}, tuples as {@code #tup},
 * functions as {@code #map}, records as objects. TLC's model values (requests such as {@code a}) become strings.
 * PBFT.tla's constants go into {@code "#meta": {"constants": {...}}}, where the validator finds them.
 *
 * <p>TLC prints a function whose domain is 1 .. n as a tuple, so which variables are functions cannot be read
 * off the printed text alone: the writer is told ({@link #PBFT_FUNCTIONS}), and writes such a tuple as a
 * {@code #map} with keys 1 .. n.
 */
public final class ItfWriter {

    /** The variables of PBFT.tla that are functions of the honest replicas. */
    public static final Set<String> PBFT_FUNCTIONS = Set.of("view", "normal", "prepared");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ItfWriter() {
    }

    /** The counterexample in TLC's {@code -tool} output (as TLC wrote it to a file) as an ITF trace. */
    public static ObjectNode fromToolOutput(Path toolOutput, Map<String, ItfValue> constants, String source)
            throws IOException {
        TlcOutputAnalyzer analyzer = new TlcOutputAnalyzer(p -> { }, () -> { });
        ToolOutputParser parser = new ToolOutputParser(analyzer);
        for (String line : Files.readAllLines(toolOutput, StandardCharsets.UTF_8)) {
            parser.accept(line);
        }
        parser.finish();
        Outcome outcome = analyzer.outcome(0, new TlcOutputAnalyzer.Context(toolOutput.toString(), "", "", false,
                java.util.Optional.empty(), s -> s));
        if (!(outcome instanceof Outcome.Violation violation) || violation.counterexample() == null) {
            throw new IOException(toolOutput + " holds no counterexample (TLC's outcome: " + outcome.label() + ")");
        }
        return write(violation.counterexample(), PBFT_FUNCTIONS, constants, source);
    }

    /**
     * @param functions variables whose values are functions (a tuple TLC printed for one becomes a #map)
     * @param constants written to {@code #meta.constants}; empty to leave them out
     * @param source    what the trace came from, for {@code #meta.source}
     */
    public static ObjectNode write(Counterexample counterexample, Set<String> functions,
                                   Map<String, ItfValue> constants, String source) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject("#meta");
        meta.put("format", "ITF");
        meta.put("format-description", "https://apalache-mc.org/docs/adr/015adr-trace.html");
        meta.put("source", source);
        meta.put("description", "Written by bftref's ItfWriter from a behaviour TLC printed");
        if (!constants.isEmpty()) {
            ObjectNode c = meta.putObject("constants");
            constants.forEach((k, v) -> c.set(k, ItfText.json(v)));
        }
        List<String> vars = new ArrayList<>(counterexample.states().get(0).variables().keySet());
        ArrayNode varsNode = root.putArray("vars");
        vars.forEach(varsNode::add);
        ArrayNode states = root.putArray("states");
        int index = 0;
        for (TraceState state : counterexample.states()) {
            ObjectNode s = states.addObject();
            s.putObject("#meta").put("index", index++);
            for (String var : vars) {
                s.set(var, ItfText.json(value(state.variables().get(var), functions.contains(var))));
            }
        }
        return root;
    }

    /** ITF JSON text, one state per line (readable in a diff, still one JSON object). */
    public static String text(ObjectNode itf) {
        StringBuilder sb = new StringBuilder("{\n");
        List<String> fields = new ArrayList<>();
        itf.fieldNames().forEachRemaining(fields::add);
        for (int k = 0; k < fields.size(); k++) {
            String name = fields.get(k);
            sb.append("  ").append(JSON.getNodeFactory().textNode(name)).append(": ");
            if (name.equals("states")) {
                sb.append("[\n");
                ArrayNode states = (ArrayNode) itf.get("states");
                for (int j = 0; j < states.size(); j++) {
                    sb.append("    ").append(states.get(j)).append(j + 1 < states.size() ? ",\n" : "\n");
                }
                sb.append("  ]");
            } else {
                sb.append(itf.get(name));
            }
            sb.append(k + 1 < fields.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    /** A printed TLA+ value as an ITF value; {@code function}: print a tuple as a #map with keys 1 .. n. */
    public static ItfValue value(TlaValue v, boolean function) {
        if (function && v instanceof TlaValue.Seq seq) {
            List<ItfValue.Pair> pairs = new ArrayList<>();
            for (int k = 0; k < seq.elements().size(); k++) {
                pairs.add(new ItfValue.Pair(new ItfValue.Int(BigInteger.valueOf(k + 1)), value(seq.elements().get(k), false)));
            }
            return new ItfValue.MapOf(pairs);
        }
        if (v instanceof TlaValue.Int i) {
            return new ItfValue.Int(i.value());
        }
        if (v instanceof TlaValue.Str s) {
            return new ItfValue.Str(s.value());
        }
        if (v instanceof TlaValue.Bool b) {
            return new ItfValue.Bool(b.value());
        }
        if (v instanceof TlaValue.ModelValue m) {
            return new ItfValue.Str(m.name());
        }
        if (v instanceof TlaValue.SetValue set) {
            return new ItfValue.SetOf(set.elements().stream().map(e -> value(e, false)).toList());
        }
        if (v instanceof TlaValue.Seq seq) {
            return new ItfValue.Tup(seq.elements().stream().map(e -> value(e, false)).toList());
        }
        if (v instanceof TlaValue.Record rec) {
            Map<String, ItfValue> fields = new LinkedHashMap<>();
            rec.fields().forEach((k, x) -> fields.put(k, value(x, false)));
            return new ItfValue.Rec(fields);
        }
        if (v instanceof TlaValue.Function f) {
            List<ItfValue.Pair> pairs = new ArrayList<>();
            f.mapping().forEach((k, x) -> pairs.add(new ItfValue.Pair(value(k, false), value(x, false))));
            return new ItfValue.MapOf(pairs);
        }
        if (v instanceof TlaValue.Interval iv) {
            List<ItfValue> elements = new ArrayList<>();
            for (BigInteger x = iv.low(); x.compareTo(iv.high()) <= 0; x = x.add(BigInteger.ONE)) {
                elements.add(new ItfValue.Int(x));
            }
            return new ItfValue.SetOf(elements);
        }
        throw new IllegalArgumentException("a value TLC printed that ITF cannot express: " + v.toTla());
    }
}
