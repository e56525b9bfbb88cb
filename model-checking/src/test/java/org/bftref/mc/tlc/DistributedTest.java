package org.bftref.mc.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.bftref.mc.manifest.ModelEntry;
import org.bftref.mc.suite.RepositoryModels;

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

    /**
     * The same on a real PBFT model of the manifest, with symmetry and the refinement properties: two
     * TLCWorker JVMs on loopback find exactly the distinct states the manifest records for a local run.
     */
    @Test
    void distributedPbftModelFindsTheManifestsStateCount() throws Exception {
        ModelEntry model = RepositoryModels.manifest().inSuite("quick").stream()
                .filter(m -> m.name().equals("PBFT-Small")).findFirst().orElseThrow();
        ModelRun run = new ModelRun("PBFT-Small-dist", model.module(), model.config(), 1, "2g", model.tlcArgs(),
                Duration.ofMinutes(5), 2);
        TlcResult dist = RepositoryModels.RUNNER.run(run, p -> { });
        assertInstanceOf(Outcome.Pass.class, dist.outcome(), () -> dist.outcome().toString());
        assertEquals(model.expect().distinct().longValue(), dist.stats().distinct());
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
