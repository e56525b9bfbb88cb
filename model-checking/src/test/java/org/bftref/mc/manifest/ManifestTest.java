package org.bftref.mc.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    private static final String PASS = """
            { "name": "P", "module": "MCP", "config": "MCP.cfg", "suites": ["quick", "full"],
              "description": "a pass", "workers": 2, "heap": "6g", "tlcArgs": ["-deadlock"], "timeoutSeconds": 60,
              "expect": { "outcome": "pass", "distinct": 123, "depth": 7 } }""";
    private static final String VIOLATION = """
            { "name": "N", "module": "MCN", "config": "MCN.cfg", "suites": ["full"], "description": "a violation",
              "expect": { "outcome": "violation", "kind": "invariant", "violated": "Agreement", "length": 12 } }""";

    private Manifest load(String json) throws IOException, ManifestException {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, json);
        return Manifest.load(file, "model-checking/manifest.json");
    }

    private String error(String json) {
        return assertThrows(ManifestException.class, () -> load(json)).getMessage();
    }

    @Test
    void loadsModelsWithTheirOptionalFields() throws Exception {
        Manifest manifest = load("{ \"models\": [" + PASS + ", " + VIOLATION + "] }");
        assertEquals(List.of("P", "N"), manifest.names());
        assertEquals(List.of("P"), manifest.inSuite("quick").stream().map(ModelEntry::name).toList());
        ModelEntry violation = manifest.byName("N").orElseThrow();
        assertEquals(null, violation.workers());
        assertEquals(12, violation.expect().length());
        assertEquals(List.of("-deadlock"), manifest.byName("P").orElseThrow().tlcArgs());
    }

    @Test
    void namesTheLineAndTheUnknownField() {
        String message = error("{ \"models\": [\n" + PASS.replace("\"workers\"", "\"worker\"") + "\n] }");
        assertTrue(message.startsWith("model-checking/manifest.json:3:"), message);
        assertTrue(message.contains("models[0]: unknown field \"worker\""), message);
    }

    @Test
    void namesAMissingRequiredField() {
        String message = error("{ \"models\": [" + VIOLATION.replace("\"violated\": \"Agreement\", ", "") + "] }");
        assertTrue(message.contains("models[0].expect: missing required field \"violated\" for a violation"), message);
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        String message = error("{ \"models\": [" + PASS.replace("\"workers\": 2", "\"workers\": \"two\"") + "] }");
        assertTrue(message.contains("models[0].workers: expected a number"), message);
    }

    @Test
    void rejectsInvalidJson() {
        String message = error("{ \"models\": [ { \"name\": \"x\" ");
        assertTrue(message.startsWith("model-checking/manifest.json:1:"), message);
        assertTrue(message.contains("not valid JSON"), message);
    }

    @Test
    void rejectsUnknownSuitesOutcomesAndDuplicateNames() {
        assertTrue(error("{ \"models\": [" + PASS.replace("\"quick\", ", "\"nightly\", ") + "] }")
                .contains("\"nightly\" is neither quick nor full"));
        assertTrue(error("{ \"models\": [" + VIOLATION.replace("\"invariant\"", "\"safety\"") + "] }")
                .contains("\"safety\" is not one of"));
        assertTrue(error("{ \"models\": [" + PASS + ", " + PASS + "] }").contains("two models are named \"P\""));
    }

    @Test
    void reportsAMissingFile() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> Manifest.load(dir.resolve("nope.json"), "model-checking/manifest.json"));
        assertEquals("model-checking/manifest.json: file not found", e.getMessage());
    }
}
