package org.bftref.mc.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bftref.mc.trace.CounterexamplePrinter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real TLC on the fixture specs: every outcome the runner must tell apart. */
class TlcRunnerTest {

    @TempDir
    Path target;

    private TlcRunner runner;

    @BeforeEach
    void setUp() {
        runner = new TlcRunner(Fixtures.workspace(target));
    }

    private TlcResult run(ModelRun run) {
        return runner.run(run, progress -> { });
    }

    private Outcome.Violation violation(TlcResult result) {
        return assertInstanceOf(Outcome.Violation.class, result.outcome(), () -> result.outcome().toString());
    }

    private Outcome.Failure failure(TlcResult result, FailureKind kind) {
        Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, result.outcome(), () -> result.outcome().toString());
        assertEquals(kind, failure.kind(), failure.message());
        return failure;
    }

    @Test
    void passReportsTheExactStateSpace() throws Exception {
        TlcResult result = run(Fixtures.run("MCToy", "ToyPass.cfg"));
        assertInstanceOf(Outcome.Pass.class, result.outcome(), () -> result.outcome().toString());
        assertEquals(40L, result.stats().distinct());
        assertEquals(8, result.stats().depth());
        assertTrue(Files.readString(result.rawOutput()).contains("@!@!@STARTMSG 2193:0 @!@!@"));
    }

    @Test
    void invariantViolationNamesTheInvariantAndPrintsProtocolSteps() {
        Outcome.Violation v = violation(run(Fixtures.run("MCToy", "ToyViolation.cfg")));
        assertEquals(ViolationKind.INVARIANT, v.kind());
        assertEquals("NoPreparedViewChange", v.violated());
        assertEquals(4, v.counterexample().length());
        String printed = new CounterexamplePrinter().print(v.counterexample());
        assertTrue(printed.contains("2. Request \u2014 requested: {} -> {a}"), printed);
        assertTrue(printed.contains("3. SendPrepare \u2014 replica 1 sends PREPARE(v=0, n=1, d=a)"), printed);
        assertTrue(printed.contains("4. SendViewChange \u2014 replica 1: view 0 -> 1, sends VIEW-CHANGE(v=1, P={n=1: (v=0, d=a)})"),
                printed);
    }

    @Test
    void invariantViolatedByTheInitialStateHasAOneStateCounterexample() {
        Outcome.Violation v = violation(run(Fixtures.run("MCToy", "ToyInitial.cfg")));
        assertEquals("SomethingRequested", v.violated());
        assertEquals(1, v.counterexample().length());
        assertEquals(List.of("msgs", "view", "requested"), // in the order TLC printed them
                List.copyOf(v.counterexample().states().get(0).variables().keySet()));
    }

    @Test
    void livenessViolationIsALassoNamedAfterTheProperty() {
        Outcome.Violation v = violation(run(Fixtures.run("Cycle", "CycleLiveness.cfg")));
        assertEquals(ViolationKind.PROPERTY, v.kind());
        assertEquals("ReachesFive", v.violated());
        assertEquals(3, v.counterexample().length());
        assertEquals(1, v.counterexample().loopsBackTo().orElseThrow());
    }

    @Test
    void actionPropertyViolation() {
        Outcome.Violation v = violation(run(Fixtures.run("Cycle", "CycleAction.cfg")));
        assertEquals(ViolationKind.ACTION_PROPERTY, v.kind());
        assertEquals("Increasing", v.violated());
        assertEquals(4, v.counterexample().length());
    }

    @Test
    void deadlockUnlessTlcArgsSayOtherwise() {
        Outcome.Violation v = violation(run(Fixtures.run("Halt", "Halt.cfg")));
        assertEquals(ViolationKind.DEADLOCK, v.kind());
        assertEquals(3, v.counterexample().length());
        TlcResult unchecked = run(Fixtures.run("Halt", "Halt.cfg", "-deadlock"));
        assertInstanceOf(Outcome.Pass.class, unchecked.outcome());
        assertEquals(3L, unchecked.stats().distinct());
    }

    @Test
    void parseErrorNamesFileLineAndColumn() {
        Outcome.Failure f = failure(run(Fixtures.run("MCBroken", "MCBroken.cfg")), FailureKind.PARSE);
        assertTrue(f.message().startsWith("spec/broken/Broken.tla:5:20: parse error: "), f.message());
    }

    @Test
    void semanticErrorNamesFileLineAndColumn() {
        Outcome.Failure f = failure(run(Fixtures.run("SemanticError", "SemanticError.cfg")), FailureKind.PARSE);
        assertEquals("models/SemanticError.tla:5:14: Unknown operator: `y'.", f.message());
    }

    @Test
    void configAssigningAConstantTheSpecLacksIsAnError() {
        // TLC 2.18 itself silently ignores it.
        Outcome.Failure f = failure(run(Fixtures.run("MCToy", "ToyUndefined.cfg")), FailureKind.CONFIG);
        assertEquals("models/ToyUndefined.cfg: constant MaxVeiw is not defined in the spec", f.message());
    }

    @Test
    void configLeavingAConstantUnassignedIsAnError() {
        Outcome.Failure f = failure(run(Fixtures.run("MCToy", "ToyUnassigned.cfg")), FailureKind.CONFIG);
        assertTrue(f.message().startsWith("models/ToyUnassigned.cfg: "), f.message());
        assertTrue(f.message().contains("MaxView is not assigned"), f.message());
    }

    @Test
    void configNamingAnUndefinedInvariantIsAnError() {
        Outcome.Failure f = failure(run(Fixtures.run("MCToy", "ToyNoInvariant.cfg")), FailureKind.CONFIG);
        assertTrue(f.message().contains("NoSuchInvariant"), f.message());
    }

    @Test
    void missingFilesAreReportedBeforeTlcRuns() {
        assertEquals("models/Nope.cfg: file not found",
                failure(run(Fixtures.run("MCToy", "Nope.cfg")), FailureKind.MISSING_FILE).message());
        assertEquals("models/MCNope.tla: file not found",
                failure(run(Fixtures.run("MCNope", "ToyPass.cfg")), FailureKind.MISSING_FILE).message());
    }

    @Test
    void missingExtendedModuleIsAMissingFile() {
        Outcome.Failure f = failure(run(Fixtures.run("MCMissingModule", "MCMissingModule.cfg")), FailureKind.MISSING_FILE);
        assertTrue(f.message().startsWith("models/MCMissingModule.tla: cannot find module NoSuchModule"), f.message());
    }

    @Test
    void evaluationErrorIsATlcError() {
        Outcome.Failure f = failure(run(Fixtures.run("EvalError", "EvalError.cfg")), FailureKind.TLC_ERROR);
        assertTrue(f.message().contains("The second argument of \\div is 0"), f.message());
    }

    @Test
    void outOfMemorySuggestsMoreHeap() {
        Outcome.Failure f = failure(run(Fixtures.withHeap(Fixtures.run("Hog", "Hog.cfg"), "24m")),
                FailureKind.OUT_OF_MEMORY);
        assertEquals("TLC ran out of memory (-Xmx24m); raise --heap", f.message());
    }

    @Test
    void tlcJvmDyingWithoutAResultIsATlcError() {
        Outcome.Failure f = failure(run(Fixtures.withHeap(Fixtures.run("Halt", "Halt.cfg"), "1k")), FailureKind.TLC_ERROR);
        assertTrue(f.message().startsWith("TLC exited with status 1 without a result"), f.message());
    }

    @Test
    void timeoutKillsTlc() {
        ModelRun slow = Fixtures.run("Slow", "Slow.cfg");
        ModelRun run = new ModelRun(slow.name(), slow.module(), slow.config(), 1, "256m", List.of(),
                Duration.ofSeconds(3), 0);
        Outcome.Failure f = failure(run(run), FailureKind.TIMEOUT);
        assertTrue(f.message().startsWith("TLC did not finish within 3 s"), f.message());
    }
}
