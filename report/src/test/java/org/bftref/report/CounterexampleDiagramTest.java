package org.bftref.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counterexamples as bftref check writes them (copies of target/counterexamples/ files in the test resources), drawn
 * and read back.
 */
class CounterexampleDiagramTest {

    @TempDir
    Path dir;

    /**
     * NEG-PBFT-NoRecomputeO: N = 4, Byz = {1} (its config, found from the repository root above the test
     * resources). Ten messages are sent (steps 3 to 12), each to the three other replicas; the last step is the
     * state that violates Agreement.
     */
    @Test
    void noRecomputeOHasItsReplicasTenMulticastsAndTheViolatingStepHighlighted() throws Exception {
        Path file = TraceDiagramTest.resource(dir, "NEG-PBFT-NoRecomputeO.txt");
        Path copyBesideTheRepository = Path.of(System.getProperty("bftref.home", ".."), "report", "target",
                "NEG-PBFT-NoRecomputeO.txt");
        Files.copy(file, copyBesideTheRepository, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CounterexampleFile cx = CounterexampleFile.read(copyBesideTheRepository);
        assertEquals(new CounterexampleDiagrams.Replicas(4, Set.of(1), true), CounterexampleDiagrams.replicas(cx));

        Diagrams.Drawn drawn = Diagrams.draw(copyBesideTheRepository, null, 60);
        assertEquals(Diagrams.Kind.COUNTEREXAMPLE, drawn.kind());
        Svg svg = new Svg(drawn.svg());
        assertEquals(List.of("replica 0", "replica 1 (Byzantine)", "replica 2", "replica 3"), svg.participants());
        assertEquals(10 * 3, svg.messages().size());
        List<String> labels = svg.messages().stream().map(Svg::label).filter(l -> !l.isEmpty()).toList();
        assertEquals("[3] R0: PRE-PREPARE v=0 n=1 d=a", labels.get(0), "the primary of view 0 sends the PRE-PREPARE");
        assertEquals("[6] R0: VIEW-CHANGE v=1 P={n=1: (v=0, d=a)}", labels.get(3));
        assertEquals(3, svg.highlightedMessages().size());
        assertEquals("[12] R2: COMMIT v=1 n=1 d=NoOp", Svg.label(svg.highlightedMessages().get(0)));
        assertEquals(List.of("invariant Agreement violated in state 12"), svg.textsAfterFill(PlantUmlWriter.HIGHLIGHT_FILL));
        String text = svg.allText();
        assertTrue(text.contains("view change to view 1 (R0 first)"), text);
        assertTrue(text.contains("view 1 begins"), text);
        assertTrue(text.contains("[2] ClientRequest: requested: {} -> {a}"), text);
    }

    /** Without the config (a copy elsewhere), the replicas come from the initial state: the same ones here. */
    @Test
    void replicasAreInferredWhenTheConfigCannotBeFound() throws Exception {
        CounterexampleFile cx = CounterexampleFile.read(TraceDiagramTest.resource(dir, "NEG-PBFT-NoRecomputeO.txt"));
        assertEquals(new CounterexampleDiagrams.Replicas(4, Set.of(1), false), CounterexampleDiagrams.replicas(cx));
        // n = 3f: the honest replicas' state is printed as a tuple <<.., ..>> of 1..2, so replica 0 is the faulty one.
        CounterexampleFile n3 = CounterexampleFile.read(TraceDiagramTest.resource(dir, "NEG-PBFT-N3F1.txt"));
        assertEquals(new CounterexampleDiagrams.Replicas(3, Set.of(0), false), CounterexampleDiagrams.replicas(n3));
        Svg svg = new Svg(Diagrams.draw(n3.file(), null, 60).svg());
        assertEquals(List.of("replica 0 (Byzantine)", "replica 1", "replica 2"), svg.participants());
        assertEquals(4 * 2, svg.messages().size());
        assertTrue(svg.allText().contains("config model-checking/MCPBFT_N3F1.cfg not found"), svg.allText());
    }

    /** A liveness counterexample ends by stuttering; no single state violates anything, so nothing is red. */
    @Test
    void livenessCounterexampleSaysHowItEnds() throws Exception {
        Path file = TraceDiagramTest.resource(dir, "NEG-PBFT-Liveness-NoTimeout.txt");
        CounterexampleFile cx = CounterexampleFile.read(file);
        assertTrue(cx.stutters());
        assertFalse(cx.invariantViolation());
        assertEquals(9, cx.steps().size());
        Svg svg = new Svg(Diagrams.draw(file, null, 60).svg());
        assertTrue(svg.highlightedMessages().isEmpty());
        assertEquals(8 * 3, svg.messages().size());
        assertTrue(svg.allText().contains("then stutters forever"), svg.allText());
    }

    /** bftref demo prints a counterexample in short through numberedLines: they must be the file's own lines. */
    @Test
    void numberedLinesAreTheFilesOwn() throws Exception {
        for (String name : List.of("NEG-PBFT-N3F1.txt", "NEG-PBFT-NoRecomputeO.txt", "NEG-PBFT-Liveness-NoTimeout.txt")) {
            Path file = TraceDiagramTest.resource(dir, name);
            List<String> lines = Files.readAllLines(file);
            List<String> numbered = lines.subList(0, lines.indexOf(lines.stream()
                    .filter(l -> l.matches("State \\d+ in full:")).findFirst().orElseThrow())).stream()
                    .filter(l -> l.matches("\\d+\\. .*")).toList();
            assertEquals(numbered, CounterexampleFile.read(file).numberedLines(), name);
        }
        Path lasso = dir.resolve("lasso.txt");
        Files.writeString(lasso, "Model L: property P violated (3 states)\nd\nModule m, config c; x\n\n"
                + "1. Initial state\n     x = 0\n2. Next \u2014 x: 0 -> 1   <- the loop starts here\n3. Next \u2014 x: 1 -> 2\n"
                + "-> back to state 2: the behaviour repeats from there forever\n");
        assertEquals(List.of("1. Initial state", "2. Next \u2014 x: 0 -> 1   <- the loop starts here", "3. Next \u2014 x: 1 -> 2"),
                CounterexampleFile.read(lasso).numberedLines());
    }

    @Test
    void brokenStepIsOneLineNamingFileAndLine() throws Exception {
        Path file = TraceDiagramTest.resource(dir, "NEG-PBFT-N3F1.txt");
        List<String> lines = Files.readAllLines(file);
        int i = lines.indexOf("5. SendCommit \u2014 replica 1: prepared {} -> {<<0, 1, a>>}, sends COMMIT(v=0, n=1, d=a)");
        assertTrue(i > 0);
        lines.set(i, "6. SendCommit \u2014 replica 1 sends COMMIT(v=0, n=1, d=a)");
        Files.write(file, lines);
        RenderException e = assertThrows(RenderException.class, () -> Diagrams.draw(file, null, 60));
        assertEquals(file + ":" + (i + 1) + ": step: expected state 5, got 6", e.getMessage());

        Files.writeString(file, "Model X: invariant Agreement violated (2 states)\nd\nModule m, config c; x\n\n1. Initial state\n"
                + "     view = <<0>>\n2. Oops without a dash\n");
        e = assertThrows(RenderException.class, () -> Diagrams.draw(file, null, 60));
        assertEquals(file + ":7: step: expected \"Action \u2014 what changed\" after \"2. \"", e.getMessage());

        Files.writeString(file, "neither\n");
        e = assertThrows(RenderException.class, () -> Diagrams.draw(file, null, 60));
        assertTrue(e.getMessage().startsWith(file + ":1: neither a bftref trace"), e.getMessage());
        Path missing = dir.resolve("missing.txt");
        e = assertThrows(RenderException.class, () -> Diagrams.draw(missing, null, 60));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
