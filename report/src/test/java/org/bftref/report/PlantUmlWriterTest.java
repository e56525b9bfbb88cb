package org.bftref.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.bftref.report.SequenceDiagram.Event;
import org.bftref.report.SequenceDiagram.Message;
import org.bftref.report.SequenceDiagram.Note;
import org.bftref.report.SequenceDiagram.Participant;

class PlantUmlWriterTest {

    private static SequenceDiagram oneMessage(String label) {
        return new SequenceDiagram("t", List.of(new Participant(0, "replica 0", false), new Participant(1, "replica 1", false)),
                List.of(new Event(1, 0, "f:2", List.of(new Message(0, List.of(1), label)), false)),
                null, List.of(), List.of(), 0, 0);
    }

    /** Text from a trace or counterexample is shown as it is, never read as PlantUML markup. */
    @Test
    void markupInInputTextIsShownLiterally() throws Exception {
        String label = "a **b** c //d// e --f-- g __h__ i \"\"j\"\" k ~~l~~ m \\t n \\n o <b>p</b> q";
        Svg svg = new Svg(SvgRenderer.svg(PlantUmlWriter.write(oneMessage(label))));
        // The only substitution: a "<" that could open a tag is shown as "‹". PlantUML writes an escaped part as
        // a text element of its own, so the label is compared as all its text, without the spaces between parts.
        String expected = "[1] R0: " + label.replace("<b>", "\u2039b>").replace("</b>", "\u2039/b>");
        String shown = svg.messages().get(0).getTextContent();
        assertEquals(expected.replace(" ", ""), shown.replace(" ", ""));
    }

    /** A line break in input text cannot end the PlantUML line and start a directive of its own. */
    @Test
    void lineBreaksInInputStayInsideTheirNote() throws Exception {
        SequenceDiagram d = new SequenceDiagram("t", List.of(new Participant(0, "replica 0", false)),
                List.of(new Event(1, 0, "f:2", List.of(new Note(List.of(0), "x\n!include /etc/passwd\n@enduml")), false)),
                null, List.of(), List.of(), 0, 0);
        String source = PlantUmlWriter.write(d);
        assertEquals(1, source.lines().filter(l -> l.contains("include")).count());
        assertTrue(source.lines().noneMatch(l -> l.startsWith("!include")), source);
        String text = new Svg(SvgRenderer.svg(source)).allText();
        assertTrue(text.contains("!include /etc/passwd"), text);
    }

    /** bftref render prints the SVG's path on stdout, so PlantUML must print nothing there. */
    @Test
    void renderingPrintsNothingOnStdout() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String svg;
        try {
            svg = SvgRenderer.svg(PlantUmlWriter.write(oneMessage("PREPARE v=0 n=1 d=ab")));
        } finally {
            System.setOut(original);
        }
        assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void inlineSvgHasNoNamespaceUrlsOrProcessingInstructions() throws Exception {
        String svg = SvgRenderer.inline(SvgRenderer.svg(PlantUmlWriter.write(oneMessage("x"))));
        assertTrue(!svg.contains("http") && !svg.contains("<?"), svg);
        assertEquals(1, new Svg(svg).messages().size());
    }
}
