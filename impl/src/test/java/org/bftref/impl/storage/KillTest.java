package org.bftref.impl.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.TimeUnit;

import org.bftref.impl.core.DropReason;
import org.bftref.impl.core.Durable;
import org.bftref.impl.core.Effect;
import org.bftref.impl.core.Input;
import org.bftref.impl.core.Replica;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill: a child JVM ({@link KillChild}) runs four replicas on file storage and is killed with SIGKILL
 * at a random point, three times over the same logs (each child recovers from what the last one left). Then
 * the logs open (a torn tail cut and reported, if the kill left one), and no replica has ever signed, or will
 * sign after recovery, a vote for a (view, sequence number) with a digest other than the one it signed before.
 */
class KillTest {

    @TempDir
    Path dir;

    /** A vote the child printed before sending it. */
    private record Vote(int replica, String kind, long v, long n, Digest d) {
    }

    @Test
    void killedWithSigkillAtRandomPointsTheReplicasNeverSignAConflictingVote() throws Exception {
        Quiet.storageWarnings();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed + ", logs in " + dir;
        Map<String, Vote> signed = new HashMap<>();
        List<String> conflicts = new ArrayList<>();
        int truncations = 0;
        int interruptedCompactions = 0;
        for (int round = 1; round <= 3; round++) {
            List<String> lines = runAndKill(round, random, why);
            assertTrue(lines.contains("READY"), why + ": round " + round + " printed " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("DONE ")), why + ": no progress in round " + round);
            for (String line : lines) {
                assertFalse(line.startsWith("STUCK") || line.startsWith("CONFLICT"), why + ": " + line);
                if (line.startsWith("OPENED") && line.contains("TRUNCATED")) {
                    truncations++;
                }
                if (line.startsWith("OPENED") && line.contains("interrupted compaction")) {
                    interruptedCompactions++;
                }
                if (line.startsWith("VOTE ")) {
                    String[] f = line.split(" ");
                    Vote vote = new Vote(Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                            new Digest(f[5]));
                    Vote before = signed.putIfAbsent(vote.kind + " " + vote.replica + " " + vote.v + " " + vote.n, vote);
                    if (before != null && !before.d().equals(vote.d())) {
                        conflicts.add(before + " then " + vote);
                    }
                }
            }
        }
        assertEquals(List.of(), conflicts, why + ": a restarted replica signed a second digest");

        // The logs as the last kill left them.
        for (int r = 0; r < KillChild.CONFIG.n(); r++) {
            try (FileStorage storage = FileStorage.open(dir, r)) {
                RecoveryReport report = storage.recoveryReport();
                assertFalse(report.created(), report.toString());
                assertEquals(report.truncated(), report.bytesTruncated() > 0);
                if (report.truncated()) {
                    truncations++;
                }
                if (report.leftoverCompactionRemoved()) {
                    interruptedCompactions++;
                }
                List<Durable> records = storage.records();
                checkVotesAreInTheLog(r, records, signed.values(), why);
                checkRecoveredReplicaRefusesConflictingPrePrepares(r, records, signed.values(), why);
            }
        }
        assertTrue(probes > 0, why + ": no PREPARE to probe");
        System.out.println("KillTest: " + signed.size() + " distinct votes over 3 kills, " + truncations
                + " torn tails cut, " + interruptedCompactions + " interrupted compactions cleaned up; " + probes
                + " conflicting PRE-PREPAREs offered after recovery, none prepared, " + refusedAsConflicting + " refused as conflicting with a recovered one (" + why + ")");
    }

    /** Runs one child until a random point after it made progress, kills it, and returns its complete lines. */
    private List<String> runAndKill(int round, Random random, String why) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("child-" + round + ".err");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillChild.class.getName(), dir.toString(), Long.toString(random.nextLong()), Integer.toString(round),
                "1000000")
                .redirectError(stderr.toFile())
                .start();
        StringBuilder text = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (InputStream in = child.getInputStream()) {
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
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!contains(text, "\nDONE ")) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    reader.join(1_000);
                    fail(why + ": the child made no progress (exit " + (child.isAlive() ? "none" : child.exitValue())
                            + "): " + text + Files.readString(stderr));
                }
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(600)); // somewhere in the middle of appends, forces and compactions
            assertTrue(child.isAlive(), why + ": the child ended on its own: " + Files.readString(stderr));
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
        }
        String all;
        synchronized (text) {
            all = text.toString();
        }
        // A line cut by the kill is not a line: only what ends in a newline was printed whole.
        String complete = all.substring(0, all.lastIndexOf('\n') + 1);
        return complete.isEmpty() ? List.of() : List.of(complete.split("\n"));
    }

    private static boolean contains(StringBuilder text, String s) {
        synchronized (text) {
            return text.indexOf(s) >= 0;
        }
    }

    /**
     * Persist before send, checked on the disk: a replica's PRE-PREPARE or PREPARE for (v, n, d) above its last
     * stable checkpoint (below it, the record may rightly have been compacted away) is in its log, as the
     * pre-prepare it accepted, in a prepared certificate, or in the O of a NEW-VIEW it entered.
     */
    private static void checkVotesAreInTheLog(int replica, List<Durable> records, Iterable<Vote> votes, String why) {
        long stable = 0;
        List<String> held = new ArrayList<>();
        for (Durable d : records) {
            if (d instanceof Durable.CheckpointStable c) {
                stable = Math.max(stable, c.n());
            } else if (d instanceof Durable.PrePrepareAccepted a) {
                held.add(key(a.prePrepare().message()));
            } else if (d instanceof Durable.PreparedCertificateHeld h) {
                held.add(key(h.certificate().prePrepare().message()));
            } else if (d instanceof Durable.NewViewEntered e) {
                e.newView().message().prePrepares().forEach(pp -> held.add(key(pp.message())));
            }
        }
        for (Vote v : votes) {
            if (v.replica() == replica && !v.kind().equals("COMMIT") && v.n() > stable) {
                assertTrue(held.contains(v.v() + " " + v.n() + " " + v.d().hex()),
                        why + ": replica " + replica + " sent " + v + " but its log (stable at " + stable
                                + ") does not hold it");
            }
        }
    }

    private static String key(Message.PrePrepare pp) {
        return pp.v() + " " + pp.n() + " " + pp.d().hex();
    }

    /**
     * The replica recovered from its log is offered, for every PREPARE it sent, a PRE-PREPARE from that view's
     * primary with another batch for the same (v, n): it must not prepare it.
     */
    private int probes;
    private int refusedAsConflicting;

    private void checkRecoveredReplicaRefusesConflictingPrePrepares(int replica, List<Durable> records,
                                                                    Iterable<Vote> votes, String why) {
        Replica recovered = Replica.recover(KillChild.CONFIG, replica, FileCluster.signer(replica), Samples::digest,
                new ChainService(), records);
        recovered.start();
        for (Vote v : votes) {
            if (v.replica() != replica || !v.kind().equals("PREPARE")) {
                continue;
            }
            List<Signed<Message.Request>> batch = List.of(Samples.request(99, v.n(), "conflicting " + v));
            Digest other = Samples.digest(batch);
            int primary = KillChild.CONFIG.primary(v.v());
            Signed<Message.PrePrepare> conflicting = Samples.sign(new Message.PrePrepare(v.v(), v.n(), other, batch,
                    primary));
            List<Effect> effects = recovered.step(new Input.Deliver(conflicting));
            for (Effect e : effects) {
                if (e instanceof Effect.Broadcast b && b.message().message() instanceof Message.Prepare p
                        && p.v() == v.v() && p.n() == v.n()) {
                    fail(why + ": replica " + replica + " recovered and prepared " + other + " after signing " + v);
                }
                if (e instanceof Effect.Dropped d && d.reason() == DropReason.CONFLICTING_PRE_PREPARE) {
                    refusedAsConflicting++; // refused because of the pre-prepare it recovered, not for its view
                }
            }
            probes++;
        }
    }
}
