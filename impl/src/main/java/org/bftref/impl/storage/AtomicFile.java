package org.bftref.impl.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replacing a file whole so that a crash leaves the old contents or the new ones, never a mix: write a temporary
 * file next to it, force it, rename it over the file, force the directory. A replica log's compaction (and its
 * creation) and {@link IncarnationFile} both need exactly this; keeping the sequence in one place keeps the two
 * from drifting apart (a forgotten directory force loses the rename in a crash, silently).
 *
 * <p>Threads: none of its own; callers keep two writers of one file apart (the log's lock, the cluster's start).
 */
final class AtomicFile {

    private AtomicFile() {
    }

    /** What goes into the new file, written through {@link Sink} in order. */
    @FunctionalInterface
    interface Contents {
        void writeTo(Sink out) throws IOException;
    }

    /** Appends bytes to the temporary file; counts them, so the caller learns the new file's size. */
    static final class Sink {
        private final FileChannel channel;
        private long position;

        private Sink(FileChannel channel) {
            this.channel = channel;
        }

        void write(byte[] bytes) throws IOException {
            position += writeFully(channel, ByteBuffer.wrap(bytes), position);
        }
    }

    /**
     * Writes {@code contents} to {@code temp}, forces it, renames it over {@code file} and forces the directory,
     * so that {@code file} is at every instant either the old complete file or the new complete one. A stray
     * {@code temp} from an earlier crash is overwritten.
     *
     * @return the bytes written
     */
    static long replace(Path file, Path temp, Contents contents) throws IOException {
        long written;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            Sink sink = new Sink(out);
            contents.writeTo(sink);
            written = sink.position;
            out.force(true); // the contents are on the disk before the name points at them
        }
        // rename(2) on POSIX: replaces file atomically. (With ATOMIC_MOVE, Files.move ignores every other option,
        // REPLACE_EXISTING included, so it is not passed.)
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(file.toAbsolutePath().getParent()); // the rename itself is durable
        return written;
    }

    /** A directory entry (a create or a rename) is durable only once the directory is forced. */
    static void forceDirectory(Path directory) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return; // a directory cannot be opened there; NTFS journals renames itself
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /**
     * Writes all of {@code bytes} at {@code position}: one {@code write} may write fewer bytes than asked.
     *
     * @return how many bytes were written
     */
    static int writeFully(FileChannel out, ByteBuffer bytes, long position) throws IOException {
        int total = bytes.remaining();
        long at = position;
        while (bytes.hasRemaining()) {
            at += out.write(bytes, at);
        }
        return total;
    }
}
