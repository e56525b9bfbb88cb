package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged jar as the README tells a newcomer to: {@code java -jar cli/target/bftref.jar demo} from the
 * repository root, with a relative jar path. Unit tests run the commands inside the test JVM, whose classpath is
 * absolute target/classes directories; only this catches what breaks in the shaded jar (a TLC fork once got the
 * relative {@code java.class.path} and could not find tlc2.TLC).
 */
class DemoJarIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theDemoTellsTheWholeStoryWithTheExpectedVerdicts() throws Exception {
        Path out = Files.createTempDirectory("bftref-demo-it");
        Result r = run("demo", "--out", out.toString());
        assertEquals(0, r.code, r.text);
        String text = r.text;
        // Step 1: the safe model passes with the manifest's count; the n = 3f model breaks Agreement.
        assertTrue(text.contains("PBFT-Small") && text.contains("8,360 distinct states"), text);
        assertTrue(text.contains("invariant Agreement violated, 7 states"), text);
        assertTrue(text.contains("SendCommit — replica 2"), "the counterexample's steps are shown: " + text);
        // Step 2: the equivocating primary forces a view change.
        assertTrue(text.contains("the honest replicas changed view"), text);
        // Steps 3 and 4: accepted, then rejected at exactly the broken event.
        assertTrue(text.contains("accepted: "), text);
        assertTrue(text.matches("(?s).*rejected at event \\d+ \\(trace-broken\\.ndjson:\\d+\\): Execute: .*"), text);
        assertTrue(text.contains("rejected at exactly the broken event"), text);
        assertTrue(text.contains("Every step gave the expected result"), text);
        assertTrue(Files.size(out.resolve("trace.ndjson")) > 0);
        // Step 5: one self-contained page: the diagrams inline, nothing fetched from the network.
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(text.contains("5. The report") && html.contains("<svg"), text);
        assertTrue(html.contains("NEG-PBFT-N3F1") && html.contains("rejected at event"), "table, counterexample and verdicts");
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("src="), "no external references");
    }

    @Test
    void jsonModeGivesOneObjectWithEveryStep() throws Exception {
        Path out = Files.createTempDirectory("bftref-demo-it");
        Result r = run("demo", "--skip-model-checking", "--seed", "3", "--out", out.toString(), "--json");
        assertEquals(0, r.code, r.text);
        String last = r.stdout.strip();
        JsonNode json = new ObjectMapper().readTree(last.substring(last.lastIndexOf("\n") + 1));
        assertTrue(json.get("asExpected").asBoolean());
        assertEquals("accepted", json.get("validation").get("verdict").asText());
        assertEquals("rejected", json.get("brokenTrace").get("verdict").asText());
        assertEquals(json.get("brokenTrace").get("brokenEvent").asInt(), json.get("brokenTrace").get("event").asInt());
        assertTrue(json.get("simulation").get("viewChanges").asInt() >= 1);
    }

    @Test
    void validateWorksFromTheJarWithARelativePath() throws Exception {
        Path dir = Files.createTempDirectory("bftref-demo-it");
        Path trace = dir.resolve("t.ndjson");
        Result sim = run("simulate", "--seed", "5", "--byzantine", "EQUIVOCATE", "--trace", trace.toString());
        assertEquals(0, sim.code, sim.text);
        Result v = run("validate", trace.toString());
        assertEquals(0, v.code, v.text);
        assertTrue(v.stdout.startsWith("accepted"), v.text);
    }

    @Test
    void badOptionsGetOneLineAndExitCode2() throws Exception {
        Result r = run("demo", "--skip-model-checking", "--byzantine", "0=NOPE");
        assertEquals(2, r.code, r.text);
        assertEquals(1, r.stderr.strip().lines().count(), r.stderr);
        assertTrue(r.stderr.contains("--byzantine 0=NOPE: unknown strategy 'NOPE'"), r.stderr);
    }

    private record Result(int code, String stdout, String stderr, String text) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbftref.home=.", "-jar", "cli/target/bftref.jar"));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("demo-it", ".out");
        Path stderr = Files.createTempFile("demo-it", ".err");
        Process p = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bftref " + String.join(" ", args) + " ran past 5 minutes");
        }
        String o = Files.readString(stdout, StandardCharsets.UTF_8);
        String e = Files.readString(stderr, StandardCharsets.UTF_8);
        return new Result(p.exitValue(), o, e, o + "\n--- stderr ---\n" + e);
    }
}
