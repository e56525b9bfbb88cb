package org.bftref.impl.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Race guarded against: two runtime threads failing at once (a core throws on a replica thread while a client's
 * step throws on a verifier thread). The run must report one of the two errors as the first, not lose both (a
 * check-then-set that both threads pass, then the second overwriting the first, or neither winning), and count
 * both.
 *
 * <p>Result: which error is kept (1 or 2; 0: none or another), the error count (must be 2).
 */
@JCStressTest
@Outcome(id = {"1, 2", "2, 2"}, expect = Expect.ACCEPTABLE, desc = "one of the two kept as first, both counted")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: no first error kept, or an error not counted")
@State
public class MetricsFirstErrorTest {

    private static final RuntimeException FIRST = new IllegalStateException("replica 1 failed");
    private static final RuntimeException SECOND = new IllegalStateException("client 0 failed");

    private final Metrics metrics = new Metrics();

    @Actor
    public void replicaThread() {
        metrics.error(FIRST);
    }

    @Actor
    public void verifierThread() {
        metrics.error(SECOND);
    }

    @Arbiter
    public void arbiter(II_Result r) {
        Throwable kept = metrics.firstError();
        r.r1 = kept == FIRST ? 1 : kept == SECOND ? 2 : 0;
        r.r2 = (int) metrics.get("errors");
    }
}
