package org.bftref.impl.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: the cluster's thread reading a counter (the progress the CLI prints, and the waits in
 * the tests) while a replica thread counts. Metrics promises that counts only go up: a reader may see a stale
 * value, but a second read must never be lower than the first, and nothing counted is lost once the counting
 * thread is done.
 *
 * <p>Result: the first read, the second read, the final value after both actors (must be 2).
 */
@JCStressTest
@Outcome(id = {"0, 0, 2", "0, 1, 2", "0, 2, 2", "1, 1, 2", "1, 2, 2", "2, 2, 2"}, expect = Expect.ACCEPTABLE,
        desc = "reads never go down; nothing lost")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a later read lower than an earlier one, or an increment lost")
@State
public class MetricsReadTest {

    private final Metrics metrics = new Metrics();

    @Actor
    public void replicaThread() {
        metrics.count(Metrics.EXECUTED);
        metrics.count(Metrics.EXECUTED);
    }

    @Actor
    public void clusterThread(III_Result r) {
        r.r1 = (int) metrics.get(Metrics.EXECUTED);
        r.r2 = metrics.snapshot().getOrDefault(Metrics.EXECUTED, 0L).intValue();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = (int) metrics.get(Metrics.EXECUTED);
    }
}
