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
 * Race guarded against: an append that makes records obsolete and so compacts the log (writes the live records
 * to a new file, renames it over the log, swaps the open channel) while another thread appends. Unless both are
 * one critical section, the other append can land in the old file after its live records were copied (lost once
 * the rename replaces it), at an offset of the old file in the new one, or be dropped from or doubled in the
 * live records.
 *
 * <p>The log starts with the PRE-PREPAREs for 1 to 4. One actor appends a stable checkpoint at 4, which makes
 * them obsolete; with no minimum, their 480 bytes outweigh the live ones (the checkpoint's 254, plus 120 if the
 * other append came first), so that append compacts the log. The other actor appends the PRE-PREPARE for 5.
 * Whatever the order, the live records are the checkpoint and PRE-PREPARE 5, there was exactly one compaction,
 * and reopening the log reads back exactly those records.
 *
 * <p>Result: the order of the live records (1: checkpoint before PRE-PREPARE 5, 2: after, 0: anything else),
 * 1 if recovery reads back the live records, 1 if recovery found no damage, compactions done (1).
 */
@JCStressTest
@Outcome(id = {"1, 1, 1, 1", "2, 1, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "compacted once; the concurrent append kept, read back exactly")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a record lost or kept wrongly across the compaction, or the file damaged")
@State
public class FileStorageCompactionTest {

    /** Compact as soon as obsolete bytes reach the live bytes. */
    private static final FileStorage.Options EAGER = FileStorage.Options.DEFAULT.withCompactionGarbageBytesMin(0);

    private static final Durable STABLE4 = LogDir.stable(4);
    private static final Durable PP5 = LogDir.accepted(0, 5);

    private final Path dir = LogDir.fresh();
    private final FileStorage storage = LogDir.open(dir, EAGER);

    public FileStorageCompactionTest() {
        for (long n = 1; n <= 4; n++) {
            storage.append(LogDir.accepted(0, n));
        }
    }

    @Actor
    public void checkpointing() {
        storage.append(STABLE4);
    }

    @Actor
    public void appending() {
        storage.append(PP5);
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        try {
            List<Durable> live = storage.records();
            long compactions = storage.compactions();
            LogDir.close(storage);
            FileStorage reopened = LogDir.open(dir, EAGER);
            List<Durable> recovered = reopened.records();
            RecoveryReport report = reopened.recoveryReport();
            LogDir.close(reopened);
            r.r1 = live.equals(List.of(STABLE4, PP5)) ? 1 : live.equals(List.of(PP5, STABLE4)) ? 2 : 0;
            r.r2 = recovered.equals(live) ? 1 : 0;
            r.r3 = !report.truncated() && report.tailDamage() == RecoveryReport.TailDamage.NONE ? 1 : 0;
            r.r4 = (int) compactions;
        } finally {
            LogDir.delete(dir);
        }
    }
}
