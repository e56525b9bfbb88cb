package org.bftref.mc.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLC's distributed mode (TLCServer + local TLCWorker JVMs over RMI on loopback). */
class DistributedTest {

    @TempDir
    Path target;

    private static ModelRun distributed(ModelRun run, int workers) {
        return new ModelRun(run.name() + "-dist", run.module(), run.config(), run.workers(), run.heap(), run.tlcArgs(),
                run.timeout(), workers);
    }

    @Test
    void distributedRunFindsTheSameStatesAsALocalOne() {
        TlcRunner runner = new TlcRunner(Fixtures.workspace(target));
        ModelRun local = Fixtures.run("MCToy", "ToyPass.cfg");
        TlcResult single = runner.run(local, p -> { });
        TlcResult dist = runner.run(distributed(local, 2), p -> { });
        assertInstanceOf(Outcome.Pass.class, single.outcome(), () -> single.outcome().toString());
        assertInstanceOf(Outcome.Pass.class, dist.outcome(), () -> dist.outcome().toString());
        assertEquals(40L, single.stats().distinct());
        assertEquals(single.stats().distinct(), dist.stats().distinct());
        // Not the depth: distributed TLC 2.18 reports it unreliably (it varies between runs).
    }

    @Test
    void distributedRunRefusesLiveness() {
        TlcRunner runner = new TlcRunner(Fixtures.workspace(target));
        TlcResult result = runner.run(distributed(Fixtures.run("Cycle", "CycleLiveness.cfg"), 2), p -> { });
        Outcome.Failure f = assertInstanceOf(Outcome.Failure.class, result.outcome());
        assertEquals(FailureKind.UNSUPPORTED, f.kind());
        assertTrue(f.message().contains("distributed TLC cannot check liveness"), f.message());
        assertTrue(f.message().contains("ReachesFive"), f.message());
    }

    @Test
    void safetyOnlyPropertiesAreNotRefused() {
        TlcRunner runner = new TlcRunner(Fixtures.workspace(target));
        TlcResult result = runner.run(distributed(Fixtures.run("Cycle", "CycleSafety.cfg"), 1), p -> { });
        assertInstanceOf(Outcome.Pass.class, result.outcome(), () -> result.outcome().toString());
        assertEquals(3L, result.stats().distinct());
    }
}
