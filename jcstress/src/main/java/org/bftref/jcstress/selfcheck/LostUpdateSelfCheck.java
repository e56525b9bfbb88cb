package org.bftref.jcstress.selfcheck;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Deliberately broken, and meant to FAIL: the check that a FORBIDDEN outcome really fails the build. Two threads
 * increment a plain int without a lock (a read-modify-write race, the same kind of bug as a counter or a size
 * check outside the lock), and a lost update is marked FORBIDDEN. jcstress observes it within a fraction of a
 * second.
 *
 * <p>Not part of the normal pass (which selects {@code org.bftref.impl} only). {@code mvn -Pjcstress-selfcheck
 * -pl jcstress verify} runs this test alone and succeeds only if the gate exits 1 (a test FAILED): it guards the
 * chain from jcstress's verdict to the build's, which a jcstress upgrade or a change to the gate could break
 * silently, independent of the project's own classes.
 */
@JCStressTest
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "both increments kept")
@Outcome(id = "1", expect = Expect.FORBIDDEN, desc = "FORBIDDEN: an increment lost (expected here: this test is broken on purpose)")
@State
public class LostUpdateSelfCheck {

    private int count;

    @Actor
    public void first() {
        count++;
    }

    @Actor
    public void second() {
        count++;
    }

    @Arbiter
    public void arbiter(I_Result r) {
        r.r1 = count;
    }
}
