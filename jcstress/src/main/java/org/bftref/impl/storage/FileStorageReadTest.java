package org.bftref.impl.storage;

import java.nio.file.Path;
import java.util.List;

import org.bftref.impl.core.Durable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: reading the live records ({@code records()}, what the runtime and the tests read about a
 * replica's storage) while the replica thread appends. FileStorage promises a reader sees an append entirely or
 * not at all: never a record whose bytes are on the disk but missing from the live list, nor the second record
 * without the first, nor a list changing under the reader's hands.
 *
 * <p>The replica thread appends A then B; another thread reads the live records once. The arbiter reopens the log.
 *
 * <p>Result: how many records the reader saw (0, 1 or 2), 1 if what it saw is a prefix of [A, B], 1 if recovery
 * reads back exactly [A, B].
 */
@JCStressTest
@Outcome(id = {"0, 1, 1", "1, 1, 1", "2, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "the reader saw a prefix; recovery reads both")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: the reader saw B without A, or a record read back differently")
@State
public class FileStorageReadTest {

    private static final Durable A = LogDir.accepted(0, 1);
    private static final Durable B = LogDir.accepted(0, 2);

    private final Path dir = LogDir.fresh();
    private final FileStorage storage = LogDir.open(dir, FileStorage.Options.DEFAULT);

    @Actor
    public void replicaThread() {
        storage.append(A);
        storage.append(B);
    }

    @Actor
    public void reader(III_Result r) {
        List<Durable> seen = storage.records();
        r.r1 = seen.size();
        r.r2 = seen.equals(List.of(A, B).subList(0, Math.min(seen.size(), 2))) ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        try {
            LogDir.close(storage);
            FileStorage reopened = LogDir.open(dir, FileStorage.Options.DEFAULT);
            r.r3 = reopened.records().equals(List.of(A, B)) ? 1 : 0;
            LogDir.close(reopened);
        } finally {
            LogDir.delete(dir);
        }
    }
}
