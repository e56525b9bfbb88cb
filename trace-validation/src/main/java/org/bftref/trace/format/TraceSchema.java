package org.bftref.trace.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schema of format version 1, loaded once, and the translation of its first error into a field name and
 * a reason in words (networknt's messages name JSON pointers and regexes).
 */
final class TraceSchema {

    static final String RESOURCE = "/org/bftref/trace/bftref-trace-v1.schema.json";
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    /** The schema document itself. */
    static final JsonNode ROOT;
    /** {@code $defs/header}: line 1. */
    static final JsonSchema HEADER;
    /** {@code $defs/event}: every later line. */
    static final JsonSchema EVENT;
    /**
     * Per action, {@code $defs/<action>}. For a line whose {@code action} is one of the 11, the event definition
     * holds exactly when the action's definition does (the event definition asks for an object with a known action
     * and a replica id, then dispatches on the action with if/then; the action's definition asks for all of that
     * itself). The reader therefore validates such a line against the action's definition directly: networknt
     * evaluates every if of the dispatch and builds an error message for each of the ten that do not match, which
     * made reading several times slower. Lines without a known action are validated against the event definition.
     */
    static final Map<String, JsonSchema> BY_ACTION;
    /** The 11 actions, in the schema's order. */
    static final List<String> ACTIONS;
    /** Per action, the fields its definition allows, in the schema's order. */
    static final Map<String, List<String>> FIELDS;

    static {
        try (InputStream in = TraceSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            ROOT = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        JsonSchema root = factory.getSchema(ROOT, config);
        HEADER = root.getSubSchema(new JsonNodePath(PathType.JSON_POINTER).append("$defs").append("header"));
        EVENT = root.getSubSchema(new JsonNodePath(PathType.JSON_POINTER).append("$defs").append("event"));
        HEADER.initializeValidators();
        EVENT.initializeValidators();

        List<String> actions = new ArrayList<>();
        ROOT.path("$defs").path("event").path("properties").path("action").path("enum")
                .forEach(a -> actions.add(a.asText()));
        ACTIONS = Collections.unmodifiableList(actions);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String action : actions) {
            List<String> names = new ArrayList<>();
            ROOT.path("$defs").path(action).path("properties").fieldNames().forEachRemaining(names::add);
            fields.put(action, Collections.unmodifiableList(names));
        }
        FIELDS = Collections.unmodifiableMap(fields);
        Map<String, JsonSchema> byAction = new LinkedHashMap<>();
        for (String action : actions) {
            JsonSchema schema = root.getSubSchema(new JsonNodePath(PathType.JSON_POINTER).append("$defs")
                    .append(action));
            schema.initializeValidators();
            byAction.put(action, schema);
        }
        BY_ACTION = Collections.unmodifiableMap(byAction);
    }

    private TraceSchema() {
    }

    /** The schema an event line is validated against: its action's definition, or the event definition. */
    static JsonSchema forEvent(JsonNode node) {
        JsonNode action = node.get("action");
        JsonSchema schema = action != null && action.isTextual() ? BY_ACTION.get(action.textValue()) : null;
        return schema != null ? schema : EVENT;
    }

    /** The first error of {@code schema} on {@code node}, or null when it is valid. */
    static ValidationMessage firstError(JsonSchema schema, JsonNode node) {
        Set<ValidationMessage> errors = schema.validate(node);
        Iterator<ValidationMessage> it = errors.iterator();
        return it.hasNext() ? it.next() : null;
    }

    /**
     * The field a schema error is about, readable: {@code P[2].d}, with {@code prefix} (e.g. "header") in front
     * when given. For a missing or unknown property, the property itself.
     */
    static String field(ValidationMessage error, String prefix) {
        String path = name(error.getInstanceLocation());
        String type = error.getType();
        if (("required".equals(type) || "additionalProperties".equals(type)) && error.getProperty() != null) {
            path = join(path, error.getProperty());
        }
        return prefix.isEmpty() ? path : join(prefix, path);
    }

    /** What the schema error says, in words; {@code node} is the whole line. */
    static String reason(ValidationMessage error, JsonNode node) {
        String type = error.getType();
        JsonNode value = error.getInstanceNode();
        JsonNode schemaNode = error.getSchemaNode();
        Object[] args = error.getArguments();
        if ("type".equals(type) && args != null && args.length >= 2) {
            return "expected " + article(String.valueOf(args[1])) + ", found " + article(String.valueOf(args[0]))
                    + (value == null ? "" : " " + show(value));
        }
        if ("required".equals(type)) {
            String action = node.path("action").isTextual() ? node.path("action").asText() : null;
            return action != null && FIELDS.containsKey(action)
                    ? "missing: " + action + " has " + String.join(", ", requiredOf(action))
                    : "missing (required)";
        }
        if ("additionalProperties".equals(type)) {
            String action = node.path("action").isTextual() ? node.path("action").asText() : null;
            if (error.getInstanceLocation().getNameCount() == 0 && action != null && FIELDS.containsKey(action)) {
                return "unknown field: " + action + " has " + String.join(", ", FIELDS.get(action));
            }
            return "unknown field";
        }
        if ("enum".equals(type) && error.getInstanceLocation().getNameCount() == 1
                && "action".equals(error.getInstanceLocation().getElement(0))) {
            return "unknown action " + show(value) + ": the actions are " + String.join(", ", ACTIONS);
        }
        if ("const".equals(type)) {
            if (error.getInstanceLocation().getNameCount() == 1
                    && "version".equals(error.getInstanceLocation().getElement(0))) {
                return "unsupported version " + show(value) + ": this reader reads version " + schemaNode;
            }
            return "expected " + schemaNode + ", found " + show(value);
        }
        if ("pattern".equals(type)) {
            return show(value) + " is not a digest: lowercase hex, 1 to 128 characters";
        }
        if ("minimum".equals(type)) {
            long min = schemaNode == null ? 0 : schemaNode.asLong();
            return (min == 0 ? "must not be negative" : "must be at least " + min) + ", found " + show(value);
        }
        if ("maximum".equals(type)) {
            long max = schemaNode == null ? 0 : schemaNode.asLong();
            return "must be at most " + max + (max == MAX_SAFE_INTEGER ? " (2^53 - 1)" : max == Integer.MAX_VALUE
                    ? " (2^31 - 1)" : "") + ", found " + show(value);
        }
        if ("uniqueItems".equals(type) && value != null && value.isArray()) {
            int[] dup = Sets.firstDuplicate(value);
            if (dup != null) {
                return "duplicate in a set: " + show(value.get(dup[1])) + " is also at [" + dup[0] + "]";
            }
            return "duplicate in a set";
        }
        // Anything else: networknt's own message without its "<pointer>: " prefix.
        String message = error.getMessage() == null ? type : error.getMessage();
        String location = error.getInstanceLocation().toString() + ": ";
        return message.startsWith(location) ? message.substring(location.length()) : message;
    }

    /** For a uniqueItems error, the index of the later duplicate, so the field can name the element. */
    static String uniqueItemsField(ValidationMessage error, String field) {
        JsonNode value = error.getInstanceNode();
        if ("uniqueItems".equals(error.getType()) && value != null && value.isArray()) {
            int[] dup = Sets.firstDuplicate(value);
            if (dup != null) {
                return field + "[" + dup[1] + "]";
            }
        }
        return field;
    }

    private static List<String> requiredOf(String action) {
        List<String> names = new ArrayList<>();
        ROOT.path("$defs").path(action).path("required").forEach(r -> names.add(r.asText()));
        return names;
    }

    /** A JSON pointer as {@code V[0].P[1].d}. */
    static String name(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer) {
                sb.append('[').append(element).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(element);
            }
        }
        return sb.toString();
    }

    static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return b.startsWith("[") ? a + b : a + "." + b;
    }

    private static String article(String jsonType) {
        switch (jsonType) {
            case "integer":
            case "array":
            case "object":
                return "an " + jsonType;
            case "null":
                return "null";
            default:
                return "a " + jsonType;
        }
    }

    /** A value for a message: its JSON text, shortened. */
    static String show(JsonNode value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
