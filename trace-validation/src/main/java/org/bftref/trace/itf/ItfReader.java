package org.bftref.trace.itf;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an ITF trace (Apalache ADR-015, the format Apalache and Quint write) strictly: anything the format does
 * not define is an error, with one line naming the file, the state index and the JSON pointer of the field
 * ({@link ItfFormatException}). Strict because a trace checker that guessed what an odd value meant could
 * accept a trace for the wrong reason.
 *
 * <p>Accepted: a JSON object with {@code vars} (the variable names) and {@code states} (at least one), and
 * optionally {@code #meta} (an object), {@code params} (names of trace parameters, whose values every state
 * carries too) and {@code loop} (the index a lasso returns to). A state is an object with exactly the
 * variables and parameters, and optionally {@code #meta} (an object; an {@code index} in it must be the
 * state's position). Values: JSON booleans and strings; {@code {"#bigint": "<decimal>"}}; JSON arrays
 * (sequences); {@code {"#tup": [...]}}; {@code {"#set": [...]}}; {@code {"#map": [[k, v], ...]}} with distinct
 * keys; JSON objects without {@code #} keys (records).
 *
 * <p>Refused: JSON numbers as values (the format writes every integer as {@code #bigint} since its 2023-09-14
 * revision, so that no reader loses precision), null, {@code #unserializable} (a value the writer could not
 * express, so nothing can be checked against it), any other {@code #} key, objects mixing {@code #} keys with
 * fields, duplicate keys in an object, files over {@value #MAX_BYTES} bytes, nesting deeper than
 * {@value #MAX_DEPTH}.
 */
public final class ItfReader {

    /** Large enough for any trace TLC can check in reasonable time, small enough to refuse a runaway file. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    /** PBFT's deepest value is 6 levels (msgs, a NEW-VIEW, O, an entry, a field); 64 leaves room for other specs. */
    public static final int MAX_DEPTH = 64;

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Set<String> TOP_LEVEL = Set.of("#meta", "params", "vars", "states", "loop");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final Path file;

    private ItfReader(Path file) {
        this.file = file;
    }

    public static ItfTrace read(Path file) throws ItfFormatException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ItfFormatException(file, -1, "", "is a directory, not an ITF file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ItfFormatException(file, -1, "", "larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ItfFormatException(file, -1, "", "no such file");
        } catch (IOException e) {
            throw new ItfFormatException(file, -1, "", "cannot read: " + e.getMessage());
        }
        return read(file, bytes);
    }

    public static ItfTrace read(Path file, byte[] bytes) throws ItfFormatException {
        return new ItfReader(file).trace(bytes);
    }

    /** Parses the JSON text of a single ITF value (used by the TLC override on the validator's own files). */
    public static ItfValue value(Path file, JsonNode node, String pointer) throws ItfFormatException {
        return new ItfReader(file).value(node, pointer, -1, 0);
    }

    private ItfTrace trace(byte[] bytes) throws ItfFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new ItfFormatException(file, -1, "", "larger than " + MAX_BYTES + " bytes");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            throw new ItfFormatException(file, -1, "", "empty file: an ITF trace is one JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String reason = "malformed JSON: " + e.getOriginalMessage();
            throw at == null ? new ItfFormatException(file, -1, "", reason)
                    : ItfFormatException.atPosition(file, at.getLineNr(), at.getColumnNr(), reason);
        } catch (IOException e) {
            throw new ItfFormatException(file, -1, "", "not valid JSON text (invalid UTF-8?): " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ItfFormatException(file, -1, "", "an ITF trace is one JSON object, this is " + describe(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                throw new ItfFormatException(file, -1, pointer("", key), "unknown field of an ITF trace (known: "
                        + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL)) + ")");
            }
        }
        ObjectNode meta = JSON.createObjectNode();
        if (root.has("#meta")) {
            if (!root.get("#meta").isObject()) {
                throw new ItfFormatException(file, -1, "/#meta", "must be an object, is " + describe(root.get("#meta")));
            }
            meta = (ObjectNode) root.get("#meta");
        }
        List<String> vars = names(root, "vars", true);
        List<String> params = names(root, "params", false);
        for (String p : params) {
            if (vars.contains(p)) {
                throw new ItfFormatException(file, -1, "/params", "'" + p + "' is both a parameter and a variable");
            }
        }
        JsonNode states = root.get("states");
        if (states == null) {
            throw new ItfFormatException(file, -1, "/states", "missing: an ITF trace lists its states");
        }
        if (!states.isArray()) {
            throw new ItfFormatException(file, -1, "/states", "must be an array of states, is " + describe(states));
        }
        if (states.isEmpty()) {
            throw new ItfFormatException(file, -1, "/states", "no states: a trace has at least one");
        }
        List<Map<String, ItfValue>> read = new ArrayList<>();
        for (int k = 0; k < states.size(); k++) {
            read.add(state(states.get(k), k, vars, params));
        }
        int loop = -1;
        if (root.has("loop")) {
            loop = index(root.get("loop"), "/loop", -1);
            if (loop < 0 || loop >= states.size()) {
                throw new ItfFormatException(file, -1, "/loop", "is " + loop + ", not the index of a state (0 .. "
                        + (states.size() - 1) + ")");
            }
        }
        return new ItfTrace(file, meta, params, vars, read, loop);
    }

    private List<String> names(JsonNode root, String field, boolean required) throws ItfFormatException {
        JsonNode node = root.get(field);
        if (node == null) {
            if (required) {
                throw new ItfFormatException(file, -1, "/" + field, "missing: an ITF trace names its variables");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw new ItfFormatException(file, -1, "/" + field, "must be an array of names, is " + describe(node));
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < node.size(); k++) {
            JsonNode name = node.get(k);
            String at = "/" + field + "/" + k;
            if (!name.isTextual() || name.textValue().isEmpty() || name.textValue().startsWith("#")) {
                throw new ItfFormatException(file, -1, at, "a name must be a non-empty string not starting with #, is "
                        + describe(name));
            }
            if (names.contains(name.textValue())) {
                throw new ItfFormatException(file, -1, at, "'" + name.textValue() + "' is listed twice");
            }
            names.add(name.textValue());
        }
        return names;
    }

    private Map<String, ItfValue> state(JsonNode node, int k, List<String> vars, List<String> params)
            throws ItfFormatException {
        String at = "/states/" + k;
        if (!node.isObject()) {
            throw new ItfFormatException(file, k, at, "a state must be an object, is " + describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("#meta") && !vars.contains(key) && !params.contains(key)) {
                throw new ItfFormatException(file, k, pointer(at, key), "not a variable or parameter of the trace "
                        + "(vars: " + vars + (params.isEmpty() ? "" : ", params: " + params) + ")");
            }
        }
        JsonNode meta = node.get("#meta");
        if (meta != null) {
            if (!meta.isObject()) {
                throw new ItfFormatException(file, k, at + "/#meta", "must be an object, is " + describe(meta));
            }
            if (meta.has("index") && index(meta.get("index"), at + "/#meta/index", k) != k) {
                throw new ItfFormatException(file, k, at + "/#meta/index", "says " + meta.get("index")
                        + " but this is state " + k + " (a state is missing or out of order)");
            }
        }
        Map<String, ItfValue> values = new LinkedHashMap<>();
        for (List<String> names : List.of(vars, params)) {
            for (String name : names) {
                JsonNode value = node.get(name);
                if (value == null) {
                    throw new ItfFormatException(file, k, pointer(at, name), "missing: the state lacks "
                            + (names == vars ? "variable" : "parameter") + " " + name);
                }
                values.put(name, value(value, pointer(at, name), k, 0));
            }
        }
        return values;
    }

    /** A non-negative index, as a JSON integer or #bigint (Apalache writes state indexes as plain numbers). */
    private int index(JsonNode node, String at, int state) throws ItfFormatException {
        BigInteger value = null;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isObject() && node.size() == 1 && node.has("#bigint") && node.get("#bigint").isTextual()
                && DECIMAL.matcher(node.get("#bigint").textValue()).matches()) {
            value = new BigInteger(node.get("#bigint").textValue());
        }
        if (value == null || value.signum() < 0 || value.bitLength() > 31) {
            throw new ItfFormatException(file, state, at, "must be a non-negative integer index, is " + describe(node));
        }
        return value.intValue();
    }

    private ItfValue value(JsonNode node, String at, int state, int depth) throws ItfFormatException {
        if (depth > MAX_DEPTH) {
            throw new ItfFormatException(file, state, at, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isBoolean()) {
            return new ItfValue.Bool(node.booleanValue());
        }
        if (node.isTextual()) {
            return new ItfValue.Str(node.textValue());
        }
        if (node.isNumber()) {
            throw new ItfFormatException(file, state, at, "a JSON number (" + node + "): ITF writes every integer as "
                    + "{\"#bigint\": \"<decimal>\"}");
        }
        if (node.isNull()) {
            throw new ItfFormatException(file, state, at, "null is not an ITF value");
        }
        if (node.isArray()) {
            return new ItfValue.Seq(elements(node, at, state, depth));
        }
        // An object: a special form if it has a # key, a record otherwise.
        String special = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.startsWith("#")) {
                special = key;
                break;
            }
        }
        if (special == null) {
            Map<String, ItfValue> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().isEmpty()) {
                    throw new ItfFormatException(file, state, pointer(at, ""), "a record field needs a name");
                }
                fields.put(f.getKey(), value(f.getValue(), pointer(at, f.getKey()), state, depth + 1));
            }
            return new ItfValue.Rec(fields);
        }
        if (node.size() != 1) {
            throw new ItfFormatException(file, state, at, "an object with a " + special + " key must have no other key");
        }
        JsonNode inner = node.get(special);
        String innerAt = pointer(at, special);
        switch (special) {
            case "#bigint":
                if (!inner.isTextual() || !DECIMAL.matcher(inner.textValue()).matches()) {
                    throw new ItfFormatException(file, state, innerAt, "must be a decimal integer as a string, is "
                            + describe(inner));
                }
                return new ItfValue.Int(new BigInteger(inner.textValue()));
            case "#tup":
                requireArray(inner, innerAt, state, "#tup");
                return new ItfValue.Tup(elements(inner, innerAt, state, depth));
            case "#set":
                requireArray(inner, innerAt, state, "#set");
                return new ItfValue.SetOf(elements(inner, innerAt, state, depth));
            case "#map":
                requireArray(inner, innerAt, state, "#map");
                return map(inner, innerAt, state, depth);
            case "#unserializable":
                throw new ItfFormatException(file, state, innerAt, "a value the writer could not serialize ("
                        + inner + "): nothing can be checked against it");
            default:
                throw new ItfFormatException(file, state, innerAt, "unknown ITF key " + special
                        + " (known: #bigint, #tup, #set, #map)");
        }
    }

    private void requireArray(JsonNode inner, String at, int state, String key) throws ItfFormatException {
        if (!inner.isArray()) {
            throw new ItfFormatException(file, state, at, key + " must hold an array, holds " + describe(inner));
        }
    }

    private List<ItfValue> elements(JsonNode array, String at, int state, int depth) throws ItfFormatException {
        List<ItfValue> elements = new ArrayList<>(array.size());
        for (int k = 0; k < array.size(); k++) {
            elements.add(value(array.get(k), at + "/" + k, state, depth + 1));
        }
        return elements;
    }

    private ItfValue map(JsonNode array, String at, int state, int depth) throws ItfFormatException {
        List<ItfValue.Pair> entries = new ArrayList<>(array.size());
        Set<ItfValue> keys = new HashSet<>();
        for (int k = 0; k < array.size(); k++) {
            JsonNode pair = array.get(k);
            String pairAt = at + "/" + k;
            if (!pair.isArray() || pair.size() != 2) {
                throw new ItfFormatException(file, state, pairAt, "a #map entry must be a [key, value] array, is "
                        + describe(pair));
            }
            ItfValue key = value(pair.get(0), pairAt + "/0", state, depth + 2);
            if (!keys.add(key)) {
                throw new ItfFormatException(file, state, pairAt + "/0", "the key " + pair.get(0)
                        + " appears twice: a #map is a function, one value per key");
            }
            entries.add(new ItfValue.Pair(key, value(pair.get(1), pairAt + "/1", state, depth + 2)));
        }
        return new ItfValue.MapOf(entries);
    }

    /** A JSON pointer (RFC 6901): "~" and "/" in a key are escaped. */
    static String pointer(String base, String key) {
        return base + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String kind = node.isObject() ? "an object" : node.isArray() ? "an array" : node.isTextual() ? "a string"
                : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : node.isNull() ? "null" : "a value";
        String text = node.toString();
        return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}
