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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Race guarded against: two threads appending to one log at once (FileStorage promises this is safe, although the
 * runtime appends from the replica thread only). If the write position, the write and the bookkeeping were not one
 * critical section, both appends could write at the same offset (one record overwritten, the file length counting
 * both), their bytes could interleave (a record that fails its checksum: a torn tail cut on the next open, losing
 * a record whose append had returned, so a vote the replica sent would be forgotten), or the live records could
 * disagree with the file.
 *
 * <p>Each actor appends one record; the arbiter reads the live records, closes the log, opens it again (what a
 * restarted replica does), and compares.
 *
 * <p>Result: the order the live records are in (1: first actor's first, 2: second's first, 0: anything else),
 * 1 if what recovery reads back equals the live records, 1 if recovery found no damage, 1 if the file holds
 * exactly the header and the two frames.
 */
@JCStressTest
@Outcome(id = {"1, 1, 1, 1", "2, 1, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "both records whole, in one order, read back exactly")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a record lost, doubled, torn or read back differently")
@State
public class FileStorageAppendTest {

    private static final Durable A = LogDir.accepted(0, 1);
    private static final Durable B = LogDir.accepted(0, 2);

    private final Path dir = LogDir.fresh();
    private final FileStorage storage = LogDir.open(dir, FileStorage.Options.DEFAULT);

    @Actor
    public void appenderA() {
        storage.append(A);
    }

    @Actor
    public void appenderB() {
        storage.append(B);
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        try {
            List<Durable> live = storage.records();
            long fileBytes = storage.fileBytes();
            LogDir.close(storage);
            FileStorage reopened = LogDir.open(dir, FileStorage.Options.DEFAULT);
            List<Durable> recovered = reopened.records();
            RecoveryReport report = reopened.recoveryReport();
            LogDir.close(reopened);
            r.r1 = live.equals(List.of(A, B)) ? 1 : live.equals(List.of(B, A)) ? 2 : 0;
            r.r2 = recovered.equals(live) ? 1 : 0;
            r.r3 = !report.truncated() && report.tailDamage() == RecoveryReport.TailDamage.NONE ? 1 : 0;
            long expected = FileStorage.HEADER_BYTES + LogDir.frameBytes(A) + LogDir.frameBytes(B);
            r.r4 = fileBytes == expected && reopened.fileBytes() == expected ? 1 : 0;
        } finally {
            LogDir.delete(dir);
        }
    }
}
