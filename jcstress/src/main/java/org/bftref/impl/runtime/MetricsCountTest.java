package org.bftref.impl.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: two runtime threads counting the same counter, drop reason and view for the first time
 * at once. Each counter is created on first use; if two threads could each create their own adder for a new name
 * (a get-then-put instead of an atomic computeIfAbsent), one thread's increments would go to an adder that is
 * then thrown away: lost increments, and a run report with too few drops or deliveries.
 *
 * <p>Each actor counts "messages.delivered" twice and drops one MAILBOX_FULL on a fresh Metrics, and records
 * entering a view (the same view 1 from both, as two replicas entering the same new view do).
 *
 * <p>Result: the counter's total (must be 4), the drops (must be 2), the view changes (must be 1).
 */
@JCStressTest
@Outcome(id = "4, 2, 1", expect = Expect.ACCEPTABLE, desc = "no increment lost, the shared view counted once")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: an increment lost or doubled")
@State
public class MetricsCountTest {

    private final Metrics metrics = new Metrics();

    @Actor
    public void verifierThread() {
        metrics.count(Metrics.DELIVERED);
        metrics.drop(Metrics.MAILBOX_FULL);
        metrics.count(Metrics.DELIVERED);
        metrics.viewEntered(1);
    }

    @Actor
    public void replicaThread() {
        metrics.count(Metrics.DELIVERED);
        metrics.drop(Metrics.MAILBOX_FULL);
        metrics.count(Metrics.DELIVERED);
        metrics.viewEntered(1);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = (int) metrics.get(Metrics.DELIVERED);
        r.r2 = (int) metrics.dropped(Metrics.MAILBOX_FULL);
        r.r3 = (int) metrics.viewChanges();
    }
}
