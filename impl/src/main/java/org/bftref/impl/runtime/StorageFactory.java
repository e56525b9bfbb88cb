package org.bftref.impl.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bftref.impl.core.InMemoryStorage;
import org.bftref.impl.core.Storage;
import org.bftref.impl.storage.FileStorage;

/**
 * Where each replica's durable records live. The cluster calls {@link #open} when a replica starts and again
 * every time it restarts after a stop, so it must give back what the replica's earlier incarnations appended:
 * an in-memory factory keeps one storage per replica, a file-backed one reopens the replica's file. If the
 * storage also implements {@link AutoCloseable}, the runtime closes it when the replica stops (a file handle is
 * released; the records stay).
 *
 * <p>Threads: {@code open} is called by the thread that starts or restarts a replica; the storage is then used
 * by that replica's thread alone.
 */
@FunctionalInterface
public interface StorageFactory {

    Storage open(int replica);

    /** One {@link InMemoryStorage} per replica, kept for the factory's life: it survives in-process stops. */
    static StorageFactory inMemory() {
        Map<Integer, InMemoryStorage> storages = new ConcurrentHashMap<>();
        return replica -> storages.computeIfAbsent(replica, r -> new InMemoryStorage());
    }

    /**
     * A {@link FileStorage} log per replica in {@code directory}, opened afresh at every start and restart (what
     * a restarted process does), so a restart reads what the disk holds.
     *
     * @throws UncheckedIOException from {@code open} if a log cannot be opened (the file system failed, or the
     *                              log is corrupt other than at its tail)
     */
    static StorageFactory files(Path directory) {
        return replica -> {
            try {
                return FileStorage.open(directory, replica);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the log of replica " + replica + " in " + directory
                        + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
            }
        };
    }
}
