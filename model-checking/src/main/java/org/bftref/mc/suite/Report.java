package org.bftref.mc.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.bftref.mc.tlc.FailureKind;

/** target/mc-report.json and target/mc-report.md, and the exit code of the suite. */
public final class Report {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Report() {
    }

    /** Writes both files and returns the Markdown. */
    public static String write(SuiteResult result, Path targetDir) {
        String markdown = markdown(result);
        try {
            Files.createDirectories(targetDir);
            Files.writeString(targetDir.resolve("mc-report.json"), json(result));
            Files.writeString(targetDir.resolve("mc-report.md"), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + targetDir + ": " + e.getMessage(), e);
        }
        return markdown;
    }

    public static String json(SuiteResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("suite", result.suite());
        root.put("allAsExpected", result.allAsExpected());
        root.put("exitCode", exitCode(result));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name(), result.models().stream().filter(m -> m.verdict() == v).count());
        }
        root.put("verdicts", counts);
        root.put("models", result.models());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 0 when every model matched its expectation; otherwise the exit code of the first model that could not
     * be checked (see {@link FailureKind}); otherwise 1 (some model drifted or gave another result).
     */
    public static int exitCode(SuiteResult result) {
        if (result.allAsExpected()) {
            return 0;
        }
        return result.models().stream()
                .filter(m -> "error".equals(m.outcome()))
                .map(m -> FailureKind.valueOf(m.kind().toUpperCase(java.util.Locale.ROOT).replace('-', '_')).exitCode())
                .findFirst().orElse(1);
    }

    public static String markdown(SuiteResult result) {
        StringBuilder md = new StringBuilder();
        md.append("| Model | Description | Expected | Outcome | Verdict | Generated | Distinct | Depth | Wall time | Workers |\n");
        md.append("|---|---|---|---|---|---:|---:|---:|---:|---:|\n");
        for (ModelReport m : result.models()) {
            md.append("| ").append(cell(m.name()))
                    .append(" | ").append(cell(m.description()))
                    .append(" | ").append(cell(m.expected().summary()))
                    .append(" | ").append(cell(outcome(m)))
                    .append(" | ").append(m.verdict())
                    .append(" | ").append(number(m.generated()))
                    .append(" | ").append(number(m.distinct()))
                    .append(" | ").append(m.depth() == null ? "" : m.depth())
                    .append(" | ").append(duration(m.wallSeconds()))
                    .append(" | ").append(m.workers()).append(m.distributedWorkers() == null ? ""
                            : " x " + m.distributedWorkers() + " JVMs")
                    .append(" |\n");
        }
        List<ModelReport> notes = result.models().stream().filter(m -> m.reason() != null).toList();
        if (!notes.isEmpty()) {
            md.append('\n');
            for (ModelReport m : notes) {
                md.append("- ").append(m.name()).append(" ").append(m.verdict()).append(": ").append(m.reason()).append('\n');
            }
        }
        long ok = result.models().stream().filter(m -> m.verdict() == Verdict.OK).count();
        md.append('\n').append(ok).append(" of ").append(result.models().size())
                .append(" models as expected.\n");
        return md.toString();
    }

    /**
     * {@link ModelReport#result()}, except that a violation is worded like the Expected column beside it
     * ({@link org.bftref.mc.manifest.Expectation#summary()}: no "violated"), so the two columns compare at a glance,
     * and says where its counterexample was written.
     */
    private static String outcome(ModelReport m) {
        if (!"violation".equals(m.outcome())) {
            return m.result();
        }
        return m.kind() + (m.violated() == null || m.kind().equals("deadlock") ? "" : " " + m.violated())
                + ", " + Comparison.states(m.counterexampleLength()) + ", " + m.counterexample();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static String number(Long n) {
        return n == null ? "" : String.format(java.util.Locale.ROOT, "%,d", n);
    }

    static String duration(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        if (d.toMinutes() == 0) {
            return String.format(java.util.Locale.ROOT, "%.1f s", seconds);
        }
        return d.toHours() > 0 ? String.format("%dh %02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }

    /** Used by --list. */
    public static String modelList(List<org.bftref.mc.manifest.ModelEntry> models) {
        return models.stream().map(m -> String.format("%-24s %-12s %-40s %s", m.name(),
                        String.join(",", m.suites()), m.expect().summary(), m.description()))
                .collect(Collectors.joining("\n")) + "\n";
    }
}
