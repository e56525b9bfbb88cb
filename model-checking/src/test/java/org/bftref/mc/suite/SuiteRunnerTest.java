package org.bftref.mc.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bftref.mc.manifest.Manifest;
import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.tlc.Fixtures;
import org.bftref.mc.tlc.TlcRunner;
import org.bftref.mc.tlc.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole suite over the fixture manifest: verdicts, reports, counterexample files, exit code. */
class SuiteRunnerTest {

    @TempDir
    Path repository;

    private Workspace workspace;
    private Path target;
    private Manifest manifest;

    @BeforeEach
    void copyFixtures() throws Exception {
        workspace = Fixtures.copyTo(repository);
        target = workspace.targetDir();
        manifest = Manifest.load(workspace.modelsDir().resolve("manifest.json"), "models/manifest.json");
    }

    private SuiteResult run(String suite, SuiteOptions options) throws SuiteRunner.RefusedException {
        return new SuiteRunner(new TlcRunner(workspace), SuiteListener.SILENT)
                .run(suite, manifest.inSuite(suite), options);
    }

    @Test
    void quickSuiteMatchesAndWritesReports() throws Exception {
        SuiteResult result = run("quick", SuiteOptions.defaults());
        assertTrue(result.allAsExpected(), Report.markdown(result));
        assertEquals(0, Report.exitCode(result));

        String markdown = Report.write(result, target);
        assertTrue(markdown.contains("| toy-negative | Toy protocol, a view change after a prepare | "
                + "invariant NoPreparedViewChange, 4 states | invariant NoPreparedViewChange, 4 states, "
                + "target/counterexamples/toy-negative.txt | OK |"), markdown);
        assertEquals(markdown, Files.readString(target.resolve("mc-report.md")));

        JsonNode json = new ObjectMapper().readTree(target.resolve("mc-report.json").toFile());
        assertEquals(0, json.get("exitCode").asInt());
        JsonNode pass = json.get("models").get(0);
        assertEquals("toy-pass", pass.get("name").asText());
        assertEquals(40, pass.get("distinct").asLong());
        assertEquals("target/tlc/toy-pass/tlc.out", pass.get("tlcOutput").asText());

        String counterexample = Files.readString(target.resolve("counterexamples/toy-negative.txt"));
        assertTrue(counterexample.startsWith("Model toy-negative: invariant NoPreparedViewChange violated (4 states)"),
                counterexample);
        assertTrue(counterexample.contains("4. SendViewChange \u2014 replica 1: view 0 -> 1, sends VIEW-CHANGE"),
                counterexample);
        // The file reads back through its own reader (what bftref render and the HTML report use), header included.
        WrittenCounterexample.Read read = WrittenCounterexample.parse(counterexample);
        assertEquals(counterexample, read.counterexample().text());
        assertEquals("toy-negative", read.counterexample().model());
        assertEquals(5, read.lineOfState().get(1)); // after the three header lines and a blank one
    }

    @Test
    void driftAndErrorsFailTheSuiteWithTheFirstErrorsExitCode() throws Exception {
        SuiteResult result = run("full", SuiteOptions.defaults());
        List<Verdict> verdicts = result.models().stream().map(ModelReport::verdict).toList();
        assertEquals(List.of(Verdict.OK, Verdict.OK, Verdict.DRIFT, Verdict.FAIL), verdicts);
        assertEquals("drift: distinct 40 expected 41", result.models().get(2).reason());
        assertEquals(4, Report.exitCode(result)); // the parse error
        assertEquals(1, Report.exitCode(new SuiteResult("x", result.models().subList(0, 3))));
    }

    @Test
    void cliHeapOverridesTheManifestAndManifestWorkersOverrideTheCli() {
        ModelEntry entry = manifest.byName("toy-pass").orElseThrow();
        assertEquals("8g", SuiteRunner.toRun(entry, new SuiteOptions(4, "8g", 0)).heap());
        assertEquals(1, SuiteRunner.toRun(entry, new SuiteOptions(4, null, 0)).workers());
        assertEquals(4, SuiteRunner.toRun(manifest.byName("broken").orElseThrow(), new SuiteOptions(4, null, 0)).workers());
    }

    @Test
    void distributedSuiteWithLivenessModelsIsRefusedBeforeAnythingRuns() throws Exception {
        Path file = repository.resolve("live.json");
        Files.writeString(file, """
                { "models": [ { "name": "live", "module": "Cycle", "config": "CycleLiveness.cfg", "suites": ["full"],
                  "description": "liveness", "expect": { "outcome": "violation", "kind": "property",
                  "violated": "ReachesFive", "length": 3 } } ] }""");
        Manifest live = Manifest.load(file, "live.json");
        SuiteRunner runner = new SuiteRunner(new TlcRunner(workspace), SuiteListener.SILENT);
        SuiteRunner.RefusedException e = assertThrows(SuiteRunner.RefusedException.class,
                () -> runner.run("full", live.models(), new SuiteOptions(1, "256m", 2)));
        assertTrue(e.getMessage().contains("live (ReachesFive)"), e.getMessage());
        assertTrue(Files.notExists(target.resolve("tlc/live/tlc.out")));
    }
}
