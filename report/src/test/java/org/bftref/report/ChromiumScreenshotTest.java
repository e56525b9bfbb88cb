package org.bftref.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: opens the HTML report in headless Chromium (Debian's {@code chromium} package) and has it save a
 * screenshot. Off by default, because it needs a browser installed and takes seconds; switch it on with
 * {@code mvn -pl report test -Dbftref.chromium=true}. Switched on without a browser, it fails rather than passes.
 */
class ChromiumScreenshotTest {

    @TempDir
    Path dir;

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        assumeTrue(Boolean.getBoolean("bftref.chromium"), "skipped: opening the report in a browser is opt-in; "
                + "run with -Dbftref.chromium=true on a machine with Debian's chromium package");
        String browser = List.of("chromium", "chromium-browser", "google-chrome").stream()
                .filter(ChromiumScreenshotTest::onPath).findFirst()
                .orElse(null);
        if (browser == null) {
            fail("-Dbftref.chromium=true, but no chromium on PATH (apt-get install chromium)");
        }
        Path html = HtmlReport.builder()
                .title("bftref report in a browser")
                .counterexample(TraceDiagramTest.resource(dir, "NEG-PBFT-N3F1.txt"))
                .simulation("the worked example", TraceDiagramTest.resource(dir, "worked-example.ndjson"))
                .write(dir.resolve("report.html"));
        Path png = dir.resolve("report.png");
        // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start. Its own profile
        // directory keeps it away from the user's.
        Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,1600",
                "--screenshot=" + png, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s; its output: " + Files.readString(dir.resolve("chromium.log")));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(dir.resolve("chromium.log")));
        assertTrue(Files.isRegularFile(png), "no screenshot written");
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), "not a PNG");
        assertTrue(bytes.length > 10_000, "a screenshot of a page with diagrams is more than " + bytes.length + " bytes");
        Path kept = Path.of("target", "chromium-report.png");
        Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, name)));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
