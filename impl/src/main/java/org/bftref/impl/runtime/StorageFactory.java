package org.bftref.impl.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bftref.impl.core.InMemoryStorage;
import org.bftref.impl.core.Storage;
import org.bftref.impl.storage.FileStorage;
import org.bftref.impl.storage.IncarnationFile;

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

    /**
     * Called once by a cluster as it starts on this storage, after it opened the replicas' storage and before any
     * of its clients sends: records, durably, that one more cluster (an incarnation) runs on it, and returns how
     * many ran on it before (0 for the first). A resumed cluster's clients number their requests from it, above
     * every earlier incarnation's (see {@link org.bftref.impl.storage.IncarnationFile} for why).
     *
     * <p>The default keeps no record: it returns 0 for a fresh cluster and refuses to resume, since it could not
     * tell the clients where to continue.
     *
     * @param identity what every cluster on this storage must share (replicas, keys, checkpoint parameters)
     * @param resume   whether the cluster resumes from what the storage holds; then the identities must match
     * @param holdsRecords whether the replicas' storage holds records: with no cluster recorded, the clients that
     *                 sent their requests are unknown, so resuming on them is refused (before anything is written)
     * @throws IllegalArgumentException if resuming with another identity, on records no recorded cluster wrote,
     *                                  or on a storage that keeps no record
     */
    default long beginIncarnation(String identity, boolean resume, boolean holdsRecords) {
        if (resume) {
            throw new IllegalArgumentException("this storage keeps no record of earlier clusters, so none can resume on it");
        }
        return 0;
    }

    /**
     * One {@link InMemoryStorage} per replica, kept for the factory's life: it survives in-process stops, and a
     * second cluster made with this factory can resume where the first one stopped.
     */
    static StorageFactory inMemory() {
        Map<Integer, InMemoryStorage> storages = new ConcurrentHashMap<>();
        return new StorageFactory() {
            private long incarnations;
            private String identity;

            @Override
            public Storage open(int replica) {
                return storages.computeIfAbsent(replica, r -> new InMemoryStorage());
            }

            @Override
            public synchronized long beginIncarnation(String identity, boolean resume, boolean holdsRecords) {
                IncarnationFile.checkBegin(new IncarnationFile.Recorded(this.identity, incarnations), identity,
                        resume, holdsRecords, null, "the storage was");
                this.identity = identity;
                return incarnations++;
            }
        };
    }

    /**
     * A {@link FileStorage} log per replica in {@code directory}, opened afresh at every start and restart (what
     * a restarted process does), so a restart reads what the disk holds.
     *
     * @throws UncheckedIOException from {@code open} if a log cannot be opened (the file system failed, or the
     *                              log is corrupt other than at its tail)
     */
    static StorageFactory files(Path directory) {
        return new StorageFactory() {
            @Override
            public Storage open(int replica) {
                try {
                    return FileStorage.open(directory, replica);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the log of replica " + replica + " in " + directory
                            + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
                }
            }

            /** Counted in {@link IncarnationFile#FILE_NAME} in the directory, next to the logs. */
            @Override
            public long beginIncarnation(String identity, boolean resume, boolean holdsRecords) {
                try {
                    return IncarnationFile.begin(directory, identity, resume, holdsRecords);
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        };
    }
}
