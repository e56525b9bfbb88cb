package org.bftref.impl.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.bftref.impl.core.Durable;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * Test helpers for the storage tests: a fresh log directory per sample, removed by the arbiter, and records of
 * distinct content. Placeholder signatures: storage never verifies, it must only give back what it was given.
 */
final class LogDir {

    /**
     * Where the sample logs go. tmpfs (/dev/shm) where there is one: every append forces the file, and on a disk
     * that costs milliseconds, so a sample would take as long as a few fsyncs and jcstress would run few of them.
     * The race under test is in FileStorage's lock and bookkeeping, which behave the same on any file system.
     * Everything under it is deleted when the test JVM exits, should an arbiter not get to a sample.
     */
    static final Path ROOT = root();

    static final int REPLICA = 1;

    private LogDir() {
    }

    private static Path root() {
        Path shm = Path.of("/dev/shm");
        try {
            Path root = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "bftref-jcstress-")
                    : Files.createTempDirectory("bftref-jcstress-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the storage tests", e);
        }
    }

    /** A new, empty directory for one sample's log. */
    static Path fresh() {
        try {
            return Files.createTempDirectory(ROOT, "sample-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileStorage open(Path dir, FileStorage.Options options) {
        try {
            return FileStorage.open(dir, REPLICA, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void close(FileStorage storage) {
        try {
            storage.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything in it. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <M extends Message> Signed<M> sign(M message) {
        return new Signed<>(message, new Signature(("sig:" + message.signer()).getBytes(StandardCharsets.UTF_8)));
    }

    /** The PRE-PREPARE a backup accepted for (v, n): a batch of one request. */
    static Durable.PrePrepareAccepted accepted(long v, long n) {
        Signed<Message.Request> request = sign(new Message.Request(7, n, "op" + n));
        Signed<Message.PrePrepare> pp = sign(new Message.PrePrepare(v, n, Digest.of("batch " + n),
                List.of(request), (int) (v % 4)));
        return new Durable.PrePrepareAccepted(pp);
    }

    /** A stable checkpoint at n, with a proof of three CHECKPOINTs. */
    static Durable.CheckpointStable stable(long n) {
        Digest d = Digest.of("state " + n);
        List<Signed<Message.Checkpoint>> proof = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            proof.add(sign(new Message.Checkpoint(n, d, r)));
        }
        return new Durable.CheckpointStable(n, d, proof);
    }

    /** The bytes of a record's frame: what an append adds to the file. */
    static int frameBytes(Durable record) {
        return RecordCodec.frame(record).length;
    }
}
