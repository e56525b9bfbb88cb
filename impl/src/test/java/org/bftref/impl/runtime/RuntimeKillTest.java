package org.bftref.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bftref.impl.core.Durable;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;
import org.bftref.impl.storage.FileStorage;
import org.bftref.impl.storage.IncarnationFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real {@code kill -9} of a process running the threaded runtime ({@link RuntimeKillChild}: four replicas on
 * file storage, clients sending), at a random point while votes are being written, then a new process resumed
 * on the same directory; twice, and the third process runs to the end. Checked, for every restart:
 * <ul>
 *   <li>each replica comes back in the view its log says and with the state its log holds (its Restart trace
 *       event against the records the killed process left, read from a copy taken right after the kill);</li>
 *   <li>persist before send, on the disk: every vote the killed process's trace shows is in its logs;</li>
 *   <li>no replica signs two digests for one (view, sequence number), across every incarnation: votes from
 *       every trace (a killed process's trace up to its last whole line) and every log copy together;</li>
 *   <li>the resumed cluster executes new requests (its clients numbered above the earlier ones) and agrees.</li>
 * </ul>
 * {@link Process#destroyForcibly} is SIGKILL on Linux (the JDK's ProcessHandleImpl sends SIGKILL when forced,
 * SIGTERM otherwise); the test checks it there by the exit status 137 = 128 + 9.
 */
class RuntimeKillTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    /** Replica, view and sequence number, to the digest it signed a vote for: one digest per key, ever. */
    private final Map<String, String> signed = new HashMap<>();
    private final List<String> conflicts = new ArrayList<>();

    @Test
    void killedWithSigkillAndResumedOnItsStorageTheClusterRecoversViewsAndVotesAndGoesOn() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path logs = dir.resolve("logs");
        String why = "seed " + seed + ", files in " + dir;
        int truncated = 0;
        int viewsAbove0 = 0;
        List<JsonNode> events = List.of();
        for (int round = 1; round <= 3; round++) {
            Path trace = dir.resolve("trace-" + round + ".ndjson");
            boolean last = round == 3;
            Child child = start(logs, round > 1, last ? 300 : 1_000_000, trace, !last);
            List<String> lines;
            if (last) {
                lines = child.awaitExit(90, why);
                assertEquals(0, child.process.exitValue(), why + ": the last incarnation: " + lines + child.stderr());
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("RESULT 300 true true null")), why + ": " + lines);
            } else {
                lines = child.killAfter("DISTURBED", random.nextInt(400), why);
            }
            assertTrue(lines.contains("STARTED " + (round - 1)), why + ": incarnation of round " + round + ": " + lines);
            events = events(trace);
            if (round > 1) {
                // The copy the previous kill left is what this incarnation recovered from.
                viewsAbove0 += checkRecovered(dir.resolve("copy-" + (round - 1)), events, why + ", round " + round);
            }
            if (!last) {
                Path copy = dir.resolve("copy-" + round);
                copyLogs(logs, copy);
                truncated += collectVotesFromLogs(copy, events, why + ", round " + round);
            }
            collectVotesFromTrace(events);
        }
        collectVotesFromLogs(logs, events, why + ", at the end"); // the last incarnation stopped cleanly
        assertEquals(List.of(), conflicts, why + ": a replica signed two digests for one (view, sequence number)");
        assertEquals(3, IncarnationFile.read(logs).incarnations(), why);
        System.out.println("RuntimeKillTest: " + signed.size() + " (replica, view, n) votes over 3 incarnations, "
                + truncated + " torn log tails cut, " + viewsAbove0 + " replicas recovered into a view above 0 (" + why
                + ")");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The checks.

    /**
     * The Restart event of each replica, the first event it writes in the new incarnation, says the view and the
     * last executed sequence number it recovered: they must be the last view its records name and the highest
     * state its records hold. Returns how many came back in a view above 0.
     */
    private int checkRecovered(Path copy, List<JsonNode> events, String why) throws IOException {
        Map<Integer, JsonNode> restart = new TreeMap<>();
        for (JsonNode e : events) {
            int r = e.get("replica").asInt();
            if (!restart.containsKey(r)) {
                assertEquals("Restart", e.get("action").asText(), why + ": replica " + r + "'s first event: " + e);
                restart.put(r, e);
            }
        }
        assertEquals(4, restart.size(), why + ": every replica restarted: " + restart);
        int above0 = 0;
        for (int r = 0; r < 4; r++) {
            long view = 0;
            long state = 0;
            try (FileStorage storage = FileStorage.open(copy, r)) {
                for (Durable d : storage.records()) {
                    if (d instanceof Durable.ViewChangeSent v) {
                        view = Math.max(view, v.viewChange().message().v());
                    } else if (d instanceof Durable.NewViewEntered e) {
                        view = Math.max(view, e.newView().message().v());
                    } else if (d instanceof Durable.StableState s) {
                        state = Math.max(state, s.n());
                    }
                }
            }
            assertEquals(view, restart.get(r).get("v").asLong(), why + ": replica " + r + "'s view");
            assertEquals(state, restart.get(r).get("n").asLong(), why + ": replica " + r + "'s state");
            above0 += view > 0 ? 1 : 0;
        }
        return above0;
    }

    /**
     * The votes in the logs: the pre-prepare a replica sent or accepted (its PRE-PREPARE or PREPARE), the
     * certificate it prepared (its COMMIT), the O of a view it entered (its PREPAREs there). Also: every vote of
     * {@code events} (the trace of the process that wrote these logs) above the replica's stable checkpoint is
     * among them. Returns the torn tails cut on opening.
     */
    private int collectVotesFromLogs(Path logs, List<JsonNode> events, String why) throws IOException {
        int truncated = 0;
        for (int r = 0; r < 4; r++) {
            try (FileStorage storage = FileStorage.open(logs, r)) {
                truncated += storage.recoveryReport().truncated() ? 1 : 0;
                long stable = 0;
                List<String> held = new ArrayList<>();
                for (Durable d : storage.records()) {
                    if (d instanceof Durable.CheckpointStable c) {
                        stable = Math.max(stable, c.n());
                    } else if (d instanceof Durable.PrePrepareAccepted a) {
                        held.add(vote(r, a.prePrepare().message()));
                    } else if (d instanceof Durable.PreparedCertificateHeld h) {
                        held.add(vote(r, h.certificate().prePrepare().message()));
                    } else if (d instanceof Durable.NewViewEntered e) {
                        for (Signed<Message.PrePrepare> pp : e.newView().message().prePrepares()) {
                            held.add(vote(r, pp.message()));
                        }
                    }
                }
                held.forEach(this::signedVote);
                for (JsonNode e : events) {
                    if (e.get("replica").asInt() == r && isVote(e) && e.get("n").asLong() > stable) {
                        String v = vote(r, e.get("v").asLong(), e.get("n").asLong(), e.get("d").asText());
                        assertTrue(held.contains(v), why + ": replica " + r + " sent " + e + " but its log (stable at "
                                + stable + ") does not hold it");
                    }
                }
            }
        }
        return truncated;
    }

    private void collectVotesFromTrace(List<JsonNode> events) {
        for (JsonNode e : events) {
            if (isVote(e)) {
                signedVote(vote(e.get("replica").asInt(), e.get("v").asLong(), e.get("n").asLong(), e.get("d").asText()));
            }
        }
    }

    private static boolean isVote(JsonNode e) {
        String a = e.get("action").asText();
        return a.equals("SendPrePrepare") || a.equals("SendPrepare") || a.equals("SendCommit");
    }

    private static String vote(int replica, Message.PrePrepare pp) {
        return vote(replica, pp.v(), pp.n(), pp.d().hex());
    }

    private static String vote(int replica, long v, long n, String d) {
        return replica + " " + v + " " + n + " " + d;
    }

    private void signedVote(String vote) {
        String key = vote.substring(0, vote.lastIndexOf(' '));
        String digest = vote.substring(vote.lastIndexOf(' ') + 1);
        String before = signed.putIfAbsent(key, digest);
        if (before != null && !before.equals(digest)) {
            conflicts.add("replica, view, n " + key + ": " + before + " and " + digest);
        }
    }

    /** The trace's events, header left out, up to its last whole line (a kill can cut the one after). */
    private List<JsonNode> events(Path trace) throws IOException {
        String text = Files.readString(trace, StandardCharsets.UTF_8);
        text = text.substring(0, text.lastIndexOf('\n') + 1);
        List<JsonNode> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                JsonNode node = json.readTree(line);
                if (node.has("action")) {
                    events.add(node);
                }
            }
        }
        return events;
    }

    private static void copyLogs(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".log")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The child process.

    private Child start(Path logs, boolean resume, long requests, Path trace, boolean disturb) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = trace.resolveSibling(trace.getFileName() + ".err");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                RuntimeKillChild.class.getName(), logs.toString(), Boolean.toString(resume), Long.toString(requests),
                trace.toString(), Boolean.toString(disturb))
                .redirectError(stderr.toFile())
                .start();
        return new Child(p, stderr);
    }

    private static final class Child {
        final Process process;
        final Path stderr;
        final StringBuilder text = new StringBuilder();
        final Thread reader;

        Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        synchronized (text) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    // the pipe closes when the child dies
                }
            });
            reader.start();
        }

        String stderr() throws IOException {
            return "\nstderr:\n" + Files.readString(stderr);
        }

        /** Once the child printed {@code line}, a random while later (it is sending and persisting), SIGKILL. */
        List<String> killAfter(String line, int millis, String why) throws Exception {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!contains("\n" + line + "\n")) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        fail(why + ": the child did not get to " + line + ": " + lines() + stderr());
                    }
                    Thread.sleep(5);
                }
                Thread.sleep(millis);
                assertTrue(process.isAlive(), why + ": the child ended on its own" + stderr());
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                reader.join(5_000);
            }
            if (System.getProperty("os.name", "").startsWith("Linux")) {
                assertEquals(128 + 9, process.exitValue(), why + ": SIGKILL");
            }
            return lines();
        }

        List<String> awaitExit(int seconds, String why) throws Exception {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(why + ": the child did not finish in " + seconds + " s: " + lines() + stderr());
            }
            reader.join(5_000);
            return lines();
        }

        private boolean contains(String s) {
            synchronized (text) {
                return ("\n" + text).contains(s);
            }
        }

        /** Whole lines only: one the kill cut is not a line. */
        List<String> lines() {
            String all;
            synchronized (text) {
                all = text.toString();
            }
            String complete = all.substring(0, all.lastIndexOf('\n') + 1);
            return complete.isEmpty() ? List.of() : List.of(complete.split("\n"));
        }
    }
}
