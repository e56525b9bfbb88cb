package org.bftref.impl.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bftref.impl.core.Mutant;

/**
 * A scenario, and optionally the choices of one run of it, as a JSON file: regression scenarios, shrunk
 * counterexamples, and the CLI's input.
 *
 * <pre>
 * { "format": "bftref-scenario", "version": 1,
 *   "scenario": { "seed": 7, "n": 4, "f": 1, ..., "network": { ... }, "byzantine": { "0": "SILENT" }, ... },
 *   "choices": [0, 3, 17, ...] }
 * </pre>
 *
 * <p>Reading is strict, because a regression file that silently means something else is worse than none:
 * unknown fields, wrong types and missing required fields are errors, and so is anything {@link Scenario}
 * rejects. Every error is one line naming the file, the line and the field ({@link ScenarioFileException}).
 * Optional fields are only those whose absence has one obvious meaning: the collections (empty), the flags
 * (false), a crash's restartAtMillis (-1, never) and the choices (draw them from the seed).
 */
public final class ScenarioFile {

    public static final String FORMAT = "bftref-scenario";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final List<String> ENVELOPE_FIELDS = List.of("format", "version", "scenario", "choices");

    private final Scenario scenario;
    private final int[] choices;

    /** A scenario without choices: a run draws them from the scenario's seed. */
    public ScenarioFile(Scenario scenario) {
        this(scenario, null);
    }

    /** A scenario with the choices of one run (null for none). */
    public ScenarioFile(Scenario scenario, int[] choices) {
        if (scenario == null) {
            throw new IllegalArgumentException("a scenario file needs a scenario");
        }
        this.scenario = scenario;
        this.choices = choices == null ? null : choices.clone();
    }

    public Scenario scenario() {
        return scenario;
    }

    public boolean hasChoices() {
        return choices != null;
    }

    /** The recorded choices; empty if the file has none. */
    public int[] choices() {
        return choices == null ? new int[0] : choices.clone();
    }

    /** Where a run of this file takes its choices: the recorded ones if any, otherwise the scenario's seed. */
    public Choices choiceSource() {
        return choices != null ? new ReplayChoices(choices) : new SeededChoices(scenario.seed());
    }

    /** Runs the scenario with {@link #choiceSource()}. */
    public SimulationResult run() {
        return Simulator.run(scenario, choiceSource());
    }

    // ------------------------------------------------------------------------------------------------
    // Writing

    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("scenario", scenarioJson(scenario));
        if (choices != null) {
            ArrayNode list = root.putArray("choices");
            for (int c : choices) {
                list.add(c);
            }
        }
        return pretty(root);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Pretty-printed with arrays on one line: a list of thousands of choices should not take thousands of lines. */
    static String pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
        printer.indentArraysWith(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The scenario as a JSON object, every field written, in declaration order. */
    static ObjectNode scenarioJson(Scenario s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seed", s.seed());
        o.put("n", s.n());
        o.put("f", s.f());
        o.put("clients", s.clients());
        o.put("requestsPerClient", s.requestsPerClient());
        o.put("batchSizeMax", s.batchSizeMax());
        o.put("checkpointInterval", s.checkpointInterval());
        o.put("watermarkWindow", s.watermarkWindow());
        o.put("viewChangeTimeoutMillis", s.viewChangeTimeoutMillis());
        o.put("scheme", s.scheme());
        ObjectNode net = o.putObject("network");
        Scenario.Network nw = s.network();
        net.put("minDelayMillis", nw.minDelayMillis());
        net.put("maxDelayMillis", nw.maxDelayMillis());
        net.put("dropPercent", nw.dropPercent());
        net.put("duplicatePercent", nw.duplicatePercent());
        net.put("gstMillis", nw.gstMillis());
        net.put("maxDelayAfterGstMillis", nw.maxDelayAfterGstMillis());
        ArrayNode partitions = net.putArray("partitions");
        for (Scenario.Partition p : nw.partitions()) {
            ObjectNode po = partitions.addObject();
            po.put("fromMillis", p.fromMillis());
            po.put("untilMillis", p.untilMillis());
            ArrayNode ids = po.putArray("replicas");
            p.replicas().forEach(ids::add);
        }
        ObjectNode byz = o.putObject("byzantine");
        s.byzantine().forEach((id, strategy) -> byz.put(String.valueOf(id), strategy.name()));
        ArrayNode crashes = o.putArray("crashes");
        for (Scenario.Crash c : s.crashes()) {
            ObjectNode co = crashes.addObject();
            co.put("replica", c.replica());
            co.put("crashAtMillis", c.crashAtMillis());
            co.put("restartAtMillis", c.restartAtMillis());
        }
        ArrayNode mutants = o.putArray("mutants");
        s.mutants().forEach(m -> mutants.add(m.name()));
        o.put("maxVirtualMillis", s.maxVirtualMillis());
        o.put("maxEvents", s.maxEvents());
        o.put("allowUnsafe", s.allowUnsafe());
        o.put("recordTrace", s.recordTrace());
        o.put("checkWireFormat", s.checkWireFormat());
        return o;
    }

    // ------------------------------------------------------------------------------------------------
    // Reading

    /** Reads a scenario file; the file's name as given appears in every error message. */
    public static ScenarioFile read(Path file) throws ScenarioFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), 1, "cannot read the file: " + e);
        }
        return parse(file.toString(), text);
    }

    /** Parses a scenario file's text; {@code name} stands for the file in error messages. */
    public static ScenarioFile parse(String name, String text) throws ScenarioFileException {
        if (text.isBlank()) {
            throw new ScenarioFileException(name, 1, "empty file: expected a JSON object {\"format\": \""
                    + FORMAT + "\", \"version\": " + VERSION + ", \"scenario\": {...}}");
        }
        Map<String, Integer> lines = lineMap(name, text);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalidJson(name, e); // lineMap parsed it already; kept for safety
        }
        return new Reader(name, lines).file(root);
    }

    /**
     * Where each field and array element starts, by JSON pointer: Jackson's tree keeps no locations, so one
     * streaming pass records them. It also rejects invalid JSON and anything after the first value.
     */
    private static Map<String, Integer> lineMap(String name, String text) throws ScenarioFileException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            int depth = 0;
            boolean rootDone = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (rootDone) {
                    throw new ScenarioFileException(name, line, "unexpected content after the top-level JSON value");
                }
                JsonStreamContext ctx = p.getParsingContext();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    ctx = ctx.getParent();
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                    ctx = null;
                }
                if (ctx != null && (t == JsonToken.FIELD_NAME || ctx.inArray())) {
                    lines.putIfAbsent(ctx.pathAsPointer().toString(), line);
                }
                if (depth == 0) {
                    rootDone = true;
                }
            }
        } catch (JsonProcessingException e) {
            throw invalidJson(name, e);
        } catch (IOException e) {
            throw new ScenarioFileException(name, 1, "cannot read: " + e.getMessage());
        }
        return lines;
    }

    private static ScenarioFileException invalidJson(String name, JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        // Jackson appends "[Source: ...; line: 1, column: 1]" to some messages: keep the position, drop the rest.
        String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim()
                .replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        return new ScenarioFileException(name, where == null ? 1 : Math.max(1, where.getLineNr()),
                "invalid JSON: " + message);
    }

    /** Turns the tree into a ScenarioFile, field by field, each error pointing at its line. */
    private static final class Reader {
        private final String name;
        private final Map<String, Integer> lines;

        Reader(String name, Map<String, Integer> lines) {
            this.name = name;
            this.lines = lines;
        }

        ScenarioFile file(JsonNode root) throws ScenarioFileException {
            if (!root.isObject()) {
                throw new ScenarioFileException(name, 1, "expected a JSON object at the top level, found "
                        + describe(root));
            }
            Obj envelope = new Obj((ObjectNode) root, List.of());
            String format = envelope.string("format");
            if (!format.equals(FORMAT)) {
                throw envelope.fail("format", "must be \"" + FORMAT + "\", was \"" + format + "\"");
            }
            int version = envelope.integer("version");
            if (version != VERSION) {
                throw envelope.fail("version", "this reader knows version " + VERSION + " only, was " + version);
            }
            Scenario scenario = scenario(envelope.object("scenario"));
            int[] choices = null;
            if (envelope.has("choices")) {
                List<JsonNode> items = envelope.array("choices");
                choices = new int[items.size()];
                for (int i = 0; i < items.size(); i++) {
                    choices[i] = envelope.intAt("choices", i, items.get(i));
                }
            }
            envelope.noOthers();
            return new ScenarioFile(scenario, choices);
        }

        private Scenario scenario(Obj s) throws ScenarioFileException {
            long seed = s.longValue("seed");
            int n = s.integer("n");
            int f = s.integer("f");
            int clients = s.integer("clients");
            int requestsPerClient = s.integer("requestsPerClient");
            int batchSizeMax = s.integer("batchSizeMax");
            int checkpointInterval = s.integer("checkpointInterval");
            int watermarkWindow = s.integer("watermarkWindow");
            long viewChangeTimeoutMillis = s.longValue("viewChangeTimeoutMillis");
            String scheme = s.string("scheme");
            Scenario.Network network = network(s);

            Map<Integer, Strategy> byzantine = new TreeMap<>();
            if (s.has("byzantine")) {
                Obj byz = s.object("byzantine");
                for (String key : byz.names()) {
                    int id;
                    try {
                        id = Integer.parseInt(key);
                    } catch (NumberFormatException e) {
                        throw byz.fail(key, "a replica id must be an integer in 0.." + (n - 1) + ", was \"" + key + "\"");
                    }
                    if (!String.valueOf(id).equals(key)) {
                        throw byz.fail(key, "write the replica id as a plain integer, was \"" + key + "\"");
                    }
                    String strategy = byz.string(key);
                    try {
                        byzantine.put(id, Strategy.valueOf(strategy));
                    } catch (IllegalArgumentException e) {
                        throw byz.fail(key, "unknown strategy \"" + strategy + "\"; known: "
                                + Arrays.stream(Strategy.values()).map(Enum::name).collect(Collectors.joining(", ")));
                    }
                }
            }

            List<Scenario.Crash> crashes = new ArrayList<>();
            if (s.has("crashes")) {
                List<JsonNode> items = s.array("crashes");
                for (int i = 0; i < items.size(); i++) {
                    Obj c = s.objectAt("crashes", i, items.get(i));
                    int replica = c.integer("replica");
                    long crashAt = c.longValue("crashAtMillis");
                    long restartAt = c.has("restartAtMillis") ? c.longValue("restartAtMillis") : -1;
                    c.noOthers();
                    try {
                        crashes.add(new Scenario.Crash(replica, crashAt, restartAt));
                    } catch (InvalidScenarioException e) {
                        throw c.fail(e.field(), e.problem());
                    }
                }
            }

            Set<Mutant> mutants = EnumSet.noneOf(Mutant.class);
            if (s.has("mutants")) {
                List<JsonNode> items = s.array("mutants");
                for (int i = 0; i < items.size(); i++) {
                    String m = s.stringAt("mutants", i, items.get(i));
                    Mutant mutant;
                    try {
                        mutant = Mutant.valueOf(m);
                    } catch (IllegalArgumentException e) {
                        throw s.failAt("mutants", i, "unknown mutant \"" + m + "\"; known: "
                                + Arrays.stream(Mutant.values()).map(Enum::name).collect(Collectors.joining(", ")));
                    }
                    if (!mutants.add(mutant)) {
                        throw s.failAt("mutants", i, "\"" + m + "\" is listed twice");
                    }
                }
            }

            long maxVirtualMillis = s.longValue("maxVirtualMillis");
            long maxEvents = s.longValue("maxEvents");
            boolean allowUnsafe = s.flag("allowUnsafe");
            boolean recordTrace = s.flag("recordTrace");
            boolean checkWireFormat = s.flag("checkWireFormat");
            s.noOthers();
            try {
                return new Scenario(seed, n, f, clients, requestsPerClient, batchSizeMax, checkpointInterval,
                        watermarkWindow, viewChangeTimeoutMillis, scheme, network, byzantine, crashes, mutants,
                        maxVirtualMillis, maxEvents, allowUnsafe, recordTrace, checkWireFormat);
            } catch (InvalidScenarioException e) {
                throw s.fail(e.field(), e.problem());
            }
        }

        private Scenario.Network network(Obj scenario) throws ScenarioFileException {
            Obj o = scenario.object("network");
            long minDelay = o.longValue("minDelayMillis");
            long maxDelay = o.longValue("maxDelayMillis");
            int drop = o.integer("dropPercent");
            int duplicate = o.integer("duplicatePercent");
            long gst = o.longValue("gstMillis");
            long maxAfterGst = o.longValue("maxDelayAfterGstMillis");
            List<Scenario.Partition> partitions = new ArrayList<>();
            if (o.has("partitions")) {
                List<JsonNode> items = o.array("partitions");
                for (int i = 0; i < items.size(); i++) {
                    Obj p = o.objectAt("partitions", i, items.get(i));
                    long from = p.longValue("fromMillis");
                    long until = p.longValue("untilMillis");
                    List<JsonNode> ids = p.array("replicas");
                    Set<Integer> replicas = new TreeSet<>();
                    for (int k = 0; k < ids.size(); k++) {
                        if (!replicas.add(p.intAt("replicas", k, ids.get(k)))) {
                            throw p.failAt("replicas", k, "replica " + ids.get(k) + " is listed twice");
                        }
                    }
                    p.noOthers();
                    partitions.add(new Scenario.Partition(from, until, replicas));
                }
            }
            o.noOthers();
            try {
                return new Scenario.Network(minDelay, maxDelay, drop, duplicate, gst, maxAfterGst, partitions);
            } catch (InvalidScenarioException e) {
                throw scenario.fail(e.field(), e.problem()); // named from the scenario's root: "network.x"
            }
        }

        /** One JSON object being read: which fields were asked for, and where it sits in the file. */
        private final class Obj {
            final ObjectNode node;
            final List<Object> path;
            final Set<String> asked = new LinkedHashSet<>();

            Obj(ObjectNode node, List<Object> path) {
                this.node = node;
                this.path = path;
            }

            boolean has(String field) {
                asked.add(field);
                return node.has(field);
            }

            List<String> names() {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                asked.addAll(names);
                return names;
            }

            JsonNode required(String field) throws ScenarioFileException {
                asked.add(field);
                JsonNode value = node.get(field);
                if (value == null) {
                    throw failHere(field, "missing; it is required");
                }
                return value;
            }

            long longValue(String field) throws ScenarioFileException {
                return toLong(field, required(field));
            }

            int integer(String field) throws ScenarioFileException {
                return toInt(child(field), required(field));
            }

            String string(String field) throws ScenarioFileException {
                JsonNode v = required(field);
                if (!v.isTextual()) {
                    throw fail(field, "expected a string, found " + describe(v));
                }
                return v.textValue();
            }

            boolean flag(String field) throws ScenarioFileException {
                if (!has(field)) {
                    return false;
                }
                JsonNode v = node.get(field);
                if (!v.isBoolean()) {
                    throw fail(field, "expected true or false, found " + describe(v));
                }
                return v.booleanValue();
            }

            Obj object(String field) throws ScenarioFileException {
                JsonNode v = required(field);
                if (!v.isObject()) {
                    throw fail(field, "expected an object, found " + describe(v));
                }
                return new Obj((ObjectNode) v, child(field));
            }

            List<JsonNode> array(String field) throws ScenarioFileException {
                JsonNode v = required(field);
                if (!v.isArray()) {
                    throw fail(field, "expected an array, found " + describe(v));
                }
                List<JsonNode> items = new ArrayList<>();
                v.elements().forEachRemaining(items::add);
                return items;
            }

            Obj objectAt(String field, int index, JsonNode item) throws ScenarioFileException {
                if (!item.isObject()) {
                    throw failAt(field, index, "expected an object, found " + describe(item));
                }
                return new Obj((ObjectNode) item, child(field, index));
            }

            int intAt(String field, int index, JsonNode item) throws ScenarioFileException {
                return toInt(child(field, index), item);
            }

            String stringAt(String field, int index, JsonNode item) throws ScenarioFileException {
                if (!item.isTextual()) {
                    throw failAt(field, index, "expected a string, found " + describe(item));
                }
                return item.textValue();
            }

            private long toLong(String field, JsonNode v) throws ScenarioFileException {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw fail(field, "expected an integer, found " + describe(v));
                }
                return v.longValue();
            }

            private int toInt(List<Object> at, JsonNode v) throws ScenarioFileException {
                if (!v.isIntegralNumber()) {
                    throw error(at, "expected an integer, found " + describe(v));
                }
                if (!v.canConvertToInt()) {
                    throw error(at, "expected an integer in " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE
                            + ", was " + v.asText());
                }
                return v.intValue();
            }

            /** Fields nobody asked for are typos or fields of another version: both are errors. */
            void noOthers() throws ScenarioFileException {
                Iterator<String> names = node.fieldNames();
                while (names.hasNext()) {
                    String field = names.next();
                    if (!asked.contains(field)) {
                        throw fail(field, "unknown field; known here: " + String.join(", ", asked));
                    }
                }
            }

            /** An error about {@code field}, a path relative to this object (possibly dotted, as Scenario names them). */
            ScenarioFileException fail(String field, String problem) {
                return error(resolve(field), problem);
            }

            ScenarioFileException failAt(String field, int index, String problem) {
                return error(child(field, index), problem);
            }

            /** A missing field has no line of its own: point at the object that should hold it. */
            private ScenarioFileException failHere(String field, String problem) {
                return new ScenarioFileException(name, lineOf(path), "field \"" + display(child(field)) + "\": " + problem);
            }

            private ScenarioFileException error(List<Object> at, String problem) {
                return new ScenarioFileException(name, lineOf(at), "field \"" + display(at) + "\": " + problem);
            }

            private List<Object> child(String field) {
                List<Object> p = new ArrayList<>(path);
                p.add(field);
                return p;
            }

            private List<Object> child(String field, int index) {
                List<Object> p = child(field);
                p.add(index);
                return p;
            }

            /** "network.partitions[0].replicas" below this object, as path segments. */
            private List<Object> resolve(String dotted) {
                List<Object> p = new ArrayList<>(path);
                for (String part : dotted.split("\\.")) {
                    int bracket = part.indexOf('[');
                    String head = bracket < 0 ? part : part.substring(0, bracket);
                    if (!head.isEmpty()) {
                        p.add(head);
                    }
                    while (bracket >= 0) {
                        int close = part.indexOf(']', bracket);
                        p.add(Integer.parseInt(part.substring(bracket + 1, close)));
                        bracket = part.indexOf('[', close);
                    }
                }
                return p;
            }
        }

        /** The line of the nearest enclosing element the file actually has. */
        private int lineOf(List<Object> at) {
            for (int k = at.size(); k > 0; k--) {
                Integer line = lines.get(pointer(at.subList(0, k)));
                if (line != null) {
                    return line;
                }
            }
            return 1;
        }
    }

    private static String pointer(List<Object> path) {
        StringBuilder b = new StringBuilder();
        for (Object segment : path) {
            b.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    /** A path as people write it, relative to the scenario for its fields: {@code network.partitions[0].replicas}. */
    private static String display(List<Object> path) {
        List<Object> shown = path.size() > 1 && "scenario".equals(path.get(0)) ? path.subList(1, path.size()) : path;
        StringBuilder b = new StringBuilder();
        for (Object segment : shown) {
            if (segment instanceof Integer) {
                b.append('[').append(segment).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(segment);
            }
        }
        return b.toString();
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "a string \"" + v.textValue() + "\"";
        } else if (v.isIntegralNumber()) {
            return "the integer " + v.asText();
        } else if (v.isNumber()) {
            return "the number " + v.asText();
        } else if (v.isBoolean()) {
            return v.asText();
        } else if (v.isNull()) {
            return "null";
        } else if (v.isArray()) {
            return "an array";
        } else if (v.isObject()) {
            return "an object";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScenarioFile other && other.scenario.equals(scenario) && Arrays.equals(other.choices, choices);
    }

    @Override
    public int hashCode() {
        return scenario.hashCode() * 31 + Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return "ScenarioFile[" + scenario + (choices == null ? "" : ", " + choices.length + " choices") + "]";
    }
}
