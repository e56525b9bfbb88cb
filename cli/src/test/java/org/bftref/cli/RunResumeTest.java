package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bftref.impl.storage.IncarnationFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code bftref run --storage DIR} in its own process, killed with SIGKILL while it runs, then
 * {@code bftref run --storage DIR --resume}: the resumed run completes new requests and its replicas agree.
 * The checks of what each replica recovers are in the impl module's RuntimeKillTest; this is the command.
 */
class RunResumeTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void aRunKilledWithKillMinus9ResumesOnItsStorage() throws Exception {
        Path logs = dir.resolve("logs");
        long seed = System.nanoTime();
        String why = "seed " + seed + ", logs in " + logs;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("killed.err");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--storage", logs.toString(), "--requests", "10000000", "--scheme", "hmac",
                "--clients", "16", "--timeout", "600")
                .redirectError(stderr.toFile())
                .redirectOutput(dir.resolve("killed.out").toFile())
                .start();
        try {
            // Running and persisting: the first replica's log has grown past its header and a few records.
            Path log = logs.resolve("replica-1.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(log) || Files.size(log) < 64 << 10) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    fail(why + ": the run made no progress: " + Files.readString(stderr));
                }
                Thread.sleep(10);
            }
            Thread.sleep(new Random(seed).nextInt(300));
            assertTrue(p.isAlive(), why + ": it ended on its own: " + Files.readString(stderr));
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux, checked below
            p.waitFor(10, TimeUnit.SECONDS);
        }
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            assertEquals(128 + 9, p.exitValue(), why + ": killed by SIGKILL");
        }

        // Without --resume the logs are refused, as before; with other keys, resuming is refused.
        assertEquals(2, run("run", "--storage", logs.toString(), "--scheme", "hmac"), why);
        assertTrue(err.toString().contains("--resume it"), err.toString());
        assertEquals(2, run("run", "--storage", logs.toString(), "--scheme", "hmac", "--resume", "--seed", "2"), why);
        assertTrue(err.toString().contains("seed=1") && err.toString().contains("seed=2"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertEquals(1, IncarnationFile.read(logs).incarnations(), "refused runs leave the count alone");

        err.getBuffer().setLength(0);
        assertEquals(0, run("run", "--storage", logs.toString(), "--scheme", "hmac", "--resume", "--requests", "300",
                "--clients", "16", "--json"), why + ": " + err + out);
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertEquals(300, result.get("completed").asInt(), out.toString());
        assertTrue(result.get("agreed").asBoolean(), out.toString());
        assertEquals(2, IncarnationFile.read(logs).incarnations());
    }

    @Test
    void resumeNeedsAStorageDirectoryWithEveryReplicasLog() throws Exception {
        assertEquals(2, run("run", "--resume"));
        assertEquals(2, run("run", "--resume", "--storage", dir.resolve("nothing-here").toString()));
        Path logs = dir.resolve("logs");
        assertEquals(0, run("run", "--storage", logs.toString(), "--scheme", "hmac", "--requests", "50", "--clients", "4"));
        Files.delete(logs.resolve("replica-2.log"));
        assertEquals(2, run("run", "--storage", logs.toString(), "--scheme", "hmac", "--resume"));
        String[] lines = err.toString().split("\n");
        assertEquals(3, lines.length, err.toString());
        assertTrue(lines[0].contains("--resume needs --storage"), lines[0]);
        assertTrue(lines[1].contains("no log of replica 0"), lines[1]);
        assertTrue(lines[2].contains("no log of replica 2") && lines[2].contains("must not rejoin as new"), lines[2]);
    }
}
