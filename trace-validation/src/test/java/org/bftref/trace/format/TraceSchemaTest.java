package org.bftref.trace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

/** The schema file is valid, and it and FORMAT.md name the same events: the doc and the schema cannot drift. */
class TraceSchemaTest {

    private static JsonNode schema() throws Exception {
        try (InputStream in = TraceReader.class.getResourceAsStream(TraceReader.SCHEMA_RESOURCE)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void schemaIsValidJsonAndADraft202012Schema() throws Exception {
        JsonNode schema = schema();
        assertTrue(schema.isObject());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        // Valid against the draft 2020-12 meta-schema (networknt carries it; nothing is downloaded).
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Set<ValidationMessage> errors = meta.validate(schema);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void everyActionOfTheFormatMdTableHasADefinitionAndNoOther() throws Exception {
        List<String> documented = FormatDoc.eventTableActions();
        assertEquals(11, documented.size(), "actions in FORMAT.md's event table: " + documented);
        JsonNode defs = schema().get("$defs");
        for (String action : documented) {
            assertTrue(defs.has(action), "no $defs entry for " + action);
            assertEquals(action, defs.get(action).path("properties").path("action").path("const").asText());
        }
        assertEquals(documented, TraceReader.ACTIONS, "the event definition's action enum");
        List<String> dispatched = new ArrayList<>();
        defs.get("event").get("allOf").forEach(branch -> dispatched.add(
                branch.path("if").path("properties").path("action").path("const").asText()));
        assertEquals(documented, dispatched, "the event definition's if/then dispatch");
    }

    @Test
    void dispatchOnTheActionAgreesWithTheEventDefinition() throws Exception {
        // The reader validates a line with a known action against that action's definition (fast), not against
        // the event definition's if/then dispatch (slow in networknt). Both must accept exactly the same lines:
        // the valid events of all-actions.ndjson, and every mutation of them below.
        ObjectMapper mapper = new ObjectMapper();
        List<ObjectNode> lines = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("all-actions.ndjson")) {
            String[] all = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < all.length; i++) {
                lines.add((ObjectNode) mapper.readTree(all[i]));
            }
        }
        List<JsonNode> cases = new ArrayList<>();
        for (ObjectNode line : lines) {
            cases.add(line);
            for (String action : TraceReader.ACTIONS) {
                cases.add(line.deepCopy().put("action", action));
            }
            cases.add(line.deepCopy().put("extra", 1));
            cases.add(line.deepCopy().put("lc", 0));
            cases.add(line.deepCopy().put("t", -1));
            for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                ObjectNode without = line.deepCopy();
                without.remove(name);
                cases.add(without);
                cases.add(line.deepCopy().put(name, "x"));
                cases.add(line.deepCopy().put(name, -1));
                cases.add(line.deepCopy().put(name, 9007199254740992L));
                cases.add(line.deepCopy().putArray(name).add(1).add(1));
                cases.add(line.deepCopy().putNull(name));
            }
        }
        int accepted = 0;
        for (JsonNode node : cases) {
            boolean byEvent = TraceSchema.EVENT.validate(node).isEmpty();
            boolean byAction = TraceSchema.forEvent(node).validate(node).isEmpty();
            assertEquals(byEvent, byAction, node.toString());
            accepted += byEvent ? 1 : 0;
        }
        assertTrue(accepted >= lines.size() && accepted < cases.size(), accepted + " of " + cases.size());
    }

    @Test
    void schemaHasTheNamedDefinitions() throws Exception {
        JsonNode defs = schema().get("$defs");
        for (String name : List.of("header", "event", "cert", "ventry", "oentry")) {
            assertTrue(defs.has(name), name);
        }
    }

    @Test
    void everyObjectDefinitionForbidsUnknownFields() throws Exception {
        List<String> open = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema().get("$defs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> def = it.next();
            // "event" dispatches to the action's definition, which is closed.
            if ("object".equals(def.getValue().path("type").asText()) && !"event".equals(def.getKey())
                    && !def.getValue().path("additionalProperties").isBoolean()) {
                open.add(def.getKey());
            }
        }
        assertTrue(open.isEmpty(), "definitions without additionalProperties false: " + open);
    }

    @Test
    void everyDocumentedEventFieldIsInTheSchema() throws Exception {
        // The "fields" column of the table: `v`, `n`, `d`, ... must be exactly the action's own properties.
        JsonNode defs = schema().get("$defs");
        String text = FormatDoc.text();
        for (String action : FormatDoc.eventTableActions()) {
            int row = text.indexOf("| `" + action + "` | ");
            String fieldsColumn = text.substring(row + action.length() + 6, text.indexOf(" | ", row + action.length() + 6));
            List<String> documented = new ArrayList<>();
            for (String part : fieldsColumn.split(",")) {
                documented.add(part.trim().replace("`", ""));
            }
            List<String> inSchema = new ArrayList<>();
            defs.get(action).get("properties").fieldNames().forEachRemaining(inSchema::add);
            inSchema.removeAll(List.of("action", "replica", "lc", "t"));
            assertEquals(documented, inSchema, action);
            assertFalse(documented.isEmpty(), action);
        }
    }
}
