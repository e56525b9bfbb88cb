package org.bftref.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bftref.mc.suite.ModelReport;

/**
 * One row of the HTML report's model-checking table.
 *
 * @param model          the model's name
 * @param expected       what the manifest expects, e.g. {@code pass, 8360 distinct, depth 19} or
 *                       {@code invariant Agreement, 7 states}
 * @param result         what TLC gave: {@code pass}, {@code invariant Agreement violated, 7 states}, or an error
 * @param verdict        OK, DRIFT or FAIL (model-checking's verdict: did the result match the expectation)
 * @param distinctStates distinct states TLC found; null when it did not say
 * @param depth          the depth of the state graph; null when TLC did not say
 * @param seconds        wall-clock time of the TLC run
 */
public record ModelCheckingRow(String model, String expected, String result, String verdict, Long distinctStates,
                               Integer depth, double seconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row from a model's report in this JVM (bftref check's SuiteResult). */
    public static ModelCheckingRow of(ModelReport m) {
        return new ModelCheckingRow(m.name(), m.expected().summary(),
                result(m.outcome(), m.kind(), m.violated(), m.counterexampleLength(), m.message()),
                String.valueOf(m.verdict()), m.distinct(), m.depth(), m.wallSeconds());
    }

    /** The rows of {@code target/mc-report.json}, as bftref check writes it. */
    public static List<ModelCheckingRow> readReport(Path file) throws RenderException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new RenderException(file, 0, "", "no such file");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new RenderException(file, line, "", "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RenderException(file, 0, "", "cannot read: " + e.getMessage());
        }
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isArray()) {
            throw new RenderException(file, 1, "models", "missing: not a report of bftref check");
        }
        List<ModelCheckingRow> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode m : models) {
            String where = "models[" + i++ + "]";
            String name = m.path("name").asText(null);
            String outcome = m.path("outcome").asText(null);
            if (name == null || outcome == null) {
                throw new RenderException(file, 0, where, "a model needs a name and an outcome");
            }
            JsonNode e = m.path("expected");
            String expected = "pass".equals(e.path("outcome").asText())
                    ? "pass, " + e.path("distinct").asText("?") + " distinct, depth " + e.path("depth").asText("?")
                    : e.path("kind").asText("") + (e.hasNonNull("violated") ? " " + e.get("violated").asText() : "")
                    + (e.hasNonNull("length") ? ", " + e.get("length").asInt() + " states" : "");
            rows.add(new ModelCheckingRow(name, expected,
                    result(outcome, m.path("kind").asText(null), m.path("violated").asText(null),
                            m.hasNonNull("counterexampleLength") ? m.get("counterexampleLength").asInt() : null,
                            m.path("message").asText(null)),
                    m.path("verdict").asText(""),
                    m.hasNonNull("distinct") ? m.get("distinct").asLong() : null,
                    m.hasNonNull("depth") ? m.get("depth").asInt() : null,
                    m.path("wallSeconds").asDouble()));
        }
        return rows;
    }

    private static String result(String outcome, String kind, String violated, Integer length, String message) {
        switch (outcome) {
            case "violation":
                return (kind == null ? "violation" : kind) + (violated == null || "deadlock".equals(kind) ? "" : " " + violated)
                        + " violated" + (length == null ? "" : ", " + length + (length == 1 ? " state" : " states"));
            case "error":
                return "error" + (kind == null ? "" : " (" + kind + ")") + (message == null ? "" : ": " + message);
            default:
                return outcome;
        }
    }
}
