package org.bftref.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;

/** Traces drawn as SVG and read back: lifelines, arrows per message, the rejected event, the window. */
class TraceDiagramTest {

    @TempDir
    Path dir;

    static Path resource(Path dir, String name) throws IOException {
        try (InputStream in = TraceDiagramTest.class.getResourceAsStream(name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    /** FORMAT.md's worked example: 1 PRE-PREPARE, 2 PREPAREs and 3 COMMITs, each multicast to the 3 others. */
    @Test
    void workedExampleHasOneLifelinePerReplicaAndThreeArrowsPerMessage() throws Exception {
        Path trace = resource(dir, "worked-example.ndjson");
        Diagrams.Drawn drawn = Diagrams.draw(trace, null, SequenceDiagram.DEFAULT_WINDOW);
        Svg svg = new Svg(drawn.svg());
        assertEquals(List.of("replica 0", "replica 1", "replica 2", "replica 3 (Byzantine)"), svg.participants());
        assertEquals(6 * 3, svg.messages().size());
        assertEquals(drawn.diagram().arrowCount(), svg.messages().size());
        List<String> labels = svg.messages().stream().map(Svg::label).filter(l -> !l.isEmpty()).toList();
        assertEquals(List.of("[1] R0: PRE-PREPARE v=0 n=1 d=a1b2c3d4", "[2] R1: PREPARE v=0 n=1 d=a1b2c3d4",
                "[3] R2: PREPARE v=0 n=1 d=a1b2c3d4", "[4] R1: COMMIT v=0 n=1 d=a1b2c3d4",
                "[5] R0: COMMIT v=0 n=1 d=a1b2c3d4", "[6] R2: COMMIT v=0 n=1 d=a1b2c3d4"), labels);
        assertTrue(svg.allText().contains("[7] R1 Execute v=0 n=1 d=a1b2c3d4 (COMMITs from {0,1,2})"), svg.allText());
        assertTrue(svg.highlightedMessages().isEmpty());
        // Only the faulty replica's head is in the Byzantine colour.
        assertEquals(2, svg.textsAfterFill(PlantUmlWriter.BYZANTINE_FILL).size()); // head and foot of one lifeline
    }

    @Test
    void rejectedMessageIsDrawnInTheHighlightColourWithTheReason() throws Exception {
        Path trace = resource(dir, "worked-example.ndjson");
        Path verdict = dir.resolve("verdict.json");
        Files.writeString(verdict, "{\"verdict\":\"rejected\",\"events\":7,\"event\":5,\"file\":\"" + trace
                + "\",\"line\":6,\"action\":\"SendCommit\",\"replica\":0,\"reason\":\"fewer than 2f PREPAREs\"}");
        Svg svg = new Svg(Diagrams.draw(trace, verdict, 60).svg());
        List<Element> hot = svg.highlightedMessages();
        assertEquals(3, hot.size(), "the multicast of event 5, and nothing else");
        assertEquals("[5] R0: COMMIT v=0 n=1 d=a1b2c3d4", Svg.label(hot.get(0)));
        assertEquals(List.of("rejected at event 5 (worked-example.ndjson:6): SendCommit: fewer than 2f PREPAREs"),
                svg.textsAfterFill(PlantUmlWriter.HIGHLIGHT_FILL));
        assertEquals(18, svg.messages().size());
    }

    @Test
    void rejectedNoteIsFilledInTheHighlightColour() throws Exception {
        Path trace = resource(dir, "worked-example.ndjson");
        Path verdict = dir.resolve("verdict.json");
        Files.writeString(verdict, "{\"verdict\":\"rejected\",\"events\":7,\"event\":7,\"file\":\"x/worked-example.ndjson\","
                + "\"line\":8,\"action\":\"Execute\",\"replica\":1,\"reason\":\"fewer than 2f+1 COMMITs\"}");
        Svg svg = new Svg(Diagrams.draw(trace, verdict, 60).svg());
        assertTrue(svg.highlightedMessages().isEmpty());
        List<String> hot = svg.textsAfterFill(PlantUmlWriter.HIGHLIGHT_FILL);
        assertEquals(2, hot.size(), hot.toString());
        assertTrue(hot.get(0).startsWith("[7] R1 Execute"), hot.toString());
        assertTrue(hot.get(1).contains("rejected at event 7") && hot.get(1).contains("fewer than 2f+1 COMMITs"), hot.toString());
    }

    @Test
    void verdictOfAnotherTraceIsBadInputNamingTheVerdictFile() throws Exception {
        Path trace = resource(dir, "worked-example.ndjson");
        Path verdict = dir.resolve("other.json");
        Files.writeString(verdict, "{\"verdict\":\"rejected\",\"events\":7,\"event\":7,\"file\":\"t\",\"line\":8,"
                + "\"action\":\"SendCommit\",\"replica\":1,\"reason\":\"r\"}");
        RenderException e = assertThrows(RenderException.class, () -> Diagrams.draw(trace, verdict, 60));
        assertTrue(e.getMessage().startsWith(verdict + ":1: event: the verdict rejects event 7 as SendCommit"),
                e.getMessage());
        Files.writeString(verdict, "{\"verdict\":\"rejected\",\"events\":7}");
        e = assertThrows(RenderException.class, () -> Diagrams.draw(trace, verdict, 60));
        assertEquals(verdict + ":1: event: missing", e.getMessage());
        Files.writeString(verdict, "{\"verdict\":\n\"rej");
        e = assertThrows(RenderException.class, () -> Diagrams.draw(trace, verdict, 60));
        assertTrue(e.getMessage().startsWith(verdict + ":2: not JSON"), e.getMessage());
    }

    @Test
    void badTraceLineIsOneLineNamingFileLineAndField() throws Exception {
        Path trace = resource(dir, "worked-example.ndjson");
        List<String> lines = Files.readAllLines(trace);
        lines.set(4, lines.get(4).replace("\"n\":1", "\"n\":-1"));
        Files.write(trace, lines);
        RenderException e = assertThrows(RenderException.class, () -> Diagrams.draw(trace, null, 60));
        assertTrue(e.getMessage().startsWith(trace + ":5: n"), e.getMessage());
        assertEquals(5, e.line());
        assertEquals(1, e.getMessage().lines().count());
    }

    /**
     * An equivocating primary makes the honest replicas change view. The diagram marks it with a divider, and a
     * window shorter than the run is placed so that it holds the first VIEW-CHANGE and says what it left out.
     */
    @Test
    void simulatedViewChangeIsMarkedAndTheWindowIsAroundIt() throws Exception {
        SimulationResult run = Simulator.run(Scenario.defaults(7, 4).withByzantine(0, Strategy.EQUIVOCATE)
                .withRecordTrace(true));
        Path trace = dir.resolve("sim.ndjson");
        Files.writeString(trace, String.join("\n", run.traceLines()) + "\n", StandardCharsets.UTF_8);
        List<String> events = run.traceLines().subList(1, run.traceLines().size());
        int firstViewChange = 1 + events.stream().map(l -> l.contains("\"SendViewChange\"")).toList().indexOf(true);
        assertTrue(firstViewChange > 0, "seed 7 with an equivocating primary changes view");
        assertTrue(events.size() > 24, "the run is longer than the window");

        int window = 20;
        Diagrams.Drawn drawn = Diagrams.draw(trace, null, window);
        assertEquals(window, drawn.diagram().events().size());
        int before = drawn.diagram().omittedBefore();
        int after = drawn.diagram().omittedAfter();
        assertEquals(events.size(), before + window + after);
        assertTrue(before < firstViewChange && firstViewChange <= before + window);
        Svg svg = new Svg(drawn.svg());
        String text = svg.allText();
        if (before > 0) {
            assertTrue(text.contains(before + " earlier event" + (before == 1 ? "" : "s") + " left out"), text);
        }
        assertTrue(text.contains(after + " later events left out"), text);
        assertTrue(text.contains("view change to view 1"), text);
        assertTrue(svg.participants().get(0).equals("replica 0 (Byzantine)"), svg.participants().toString());
        assertEquals(drawn.diagram().arrowCount(), svg.messages().size());
        String firstLabel = svg.messages().stream().map(Svg::label).filter(l -> !l.isEmpty()).findFirst().orElseThrow();
        assertTrue(firstLabel.startsWith("[" + (before + 1) + "] "), firstLabel);
        String numbers = drawn.diagram().events().stream().map(e -> String.valueOf(e.number()))
                .collect(Collectors.joining(","));
        assertTrue(numbers.startsWith(String.valueOf(before + 1)), numbers);
    }
}
