package org.bftref.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.bftref.mc.suite.ModelReport;

/**
 * One row of the HTML report's model-checking table.
 *
 * @param model          the model's name
 * @param expected       what the manifest expects, e.g. {@code pass, 8360 distinct, depth 19} or
 *                       {@code invariant Agreement, 7 states}
 * @param result         what TLC gave, in model-checking's words ({@link ModelReport#result()})
 * @param verdict        OK, DRIFT or FAIL (model-checking's verdict: did the result match the expectation)
 * @param distinctStates distinct states TLC found; null when it did not say
 * @param depth          the depth of the state graph; null when TLC did not say
 * @param seconds        wall-clock time of the TLC run
 */
public record ModelCheckingRow(String model, String expected, String result, String verdict, Long distinctStates,
                               Integer depth, double seconds) {

    /** Unknown fields are skipped: a report from a later bftref that adds a column still gives its rows. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** A row from a model's report in this JVM (bftref check's SuiteResult). */
    public static ModelCheckingRow of(ModelReport m) {
        return new ModelCheckingRow(m.name(), m.expected() == null ? "" : m.expected().summary(), m.result(),
                String.valueOf(m.verdict()), m.distinct(), m.depth(), m.wallSeconds());
    }

    /**
     * The rows of {@code target/mc-report.json}, as bftref check writes it: each model read back as the
     * {@link ModelReport} it was written from (fields added by a later version are ignored).
     */
    public static List<ModelCheckingRow> readReport(Path file) throws RenderException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new RenderException(file, 0, "", "no such file");
        } catch (JsonProcessingException e) {
            throw new RenderException(file, line(e), "", "not JSON: " + e.getOriginalMessage());
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
            ModelReport report;
            try {
                report = JSON.treeToValue(m, ModelReport.class);
            } catch (JsonProcessingException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new RenderException(file, 0, where, cause == e ? e.getOriginalMessage() : cause.getMessage());
            }
            if (report.name() == null || report.outcome() == null) {
                throw new RenderException(file, 0, where, "a model needs a name and an outcome");
            }
            rows.add(of(report));
        }
        return rows;
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    }
}
