package org.bftref.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;

/** The HTML report read back as a DOM: its parts are there, and it refers to nothing outside itself. */
class HtmlReportTest {

    @TempDir
    Path dir;

    /** Elements that make a browser fetch something, whatever their attributes. */
    private static final Set<String> FETCHING = Set.of("script", "link", "iframe", "frame", "object", "embed", "img",
            "image", "audio", "video", "source", "track", "use", "base", "form", "feimage");
    /** Attributes whose value a browser resolves as an address. */
    private static final Set<String> ADDRESSES = Set.of("href", "xlink:href", "src", "srcset", "action", "data",
            "poster", "background", "formaction", "manifest", "ping");

    /**
     * Every way a page can load something from elsewhere that this page could contain: a fetching element, an
     * address attribute other than a fragment of the page itself, a URL in any attribute or text, CSS url(),
     * {@code @import} or {@code @font-face}. Returns what it found, empty when none.
     */
    static List<String> externalReferences(Document doc) {
        List<String> found = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String tag = e.getTagName().toLowerCase(java.util.Locale.ROOT);
            if (FETCHING.contains(tag)) {
                found.add("<" + tag + ">");
            }
            NamedNodeMap attrs = e.getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                Attr attr = (Attr) attrs.item(a);
                String name = attr.getName().toLowerCase(java.util.Locale.ROOT);
                String value = attr.getValue();
                if (ADDRESSES.contains(name) && !value.startsWith("#")) {
                    found.add(tag + " " + name + "=" + value);
                }
                if (name.startsWith("xmlns") || name.startsWith("on") || looksLikeUrl(value)) {
                    found.add(tag + " " + name + "=" + value);
                }
            }
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                    if (looksLikeUrl(c.getNodeValue())) {
                        found.add("text in <" + tag + ">: " + c.getNodeValue().strip());
                    }
                } else if (c.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                    found.add("processing instruction in <" + tag + ">");
                }
            }
        }
        return found;
    }

    private static boolean looksLikeUrl(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        return l.contains("http:") || l.contains("https:") || l.contains("//www.") || l.contains("url(")
                || l.contains("@import") || l.contains("@font-face") || l.contains("file:") || l.contains("ftp:")
                || l.contains("data:");
    }

    @Test
    void fullReportHasEveryPartAndNoExternalReference() throws Exception {
        SimulationResult run = Simulator.run(Scenario.defaults(7, 4).withByzantine(0, Strategy.EQUIVOCATE)
                .withRecordTrace(true));
        Path worked = TraceDiagramTest.resource(dir, "worked-example.ndjson");
        Path rejected = dir.resolve("rejected.json");
        Files.writeString(rejected, "{\"verdict\":\"rejected\",\"events\":7,\"event\":7,\"file\":\"" + worked
                + "\",\"line\":8,\"action\":\"Execute\",\"replica\":1,\"reason\":\"fewer than 2f+1 COMMITs <&>\"}");
        String html = HtmlReport.builder()
                .title("bftref demo <test>")
                .paragraph("Three parts & a table.")
                .modelChecking(ModelCheckingRow.readReport(TraceDiagramTest.resource(dir, "mc-report.json")))
                .counterexample(TraceDiagramTest.resource(dir, "NEG-PBFT-N3F1.txt"))
                .counterexample(TraceDiagramTest.resource(dir, "NEG-PBFT-Liveness-NoTimeout.txt"))
                .simulation("n=4, replica 0 equivocates, seed 7", run)
                .validation("the worked example", worked,
                        new ValidationVerdict(true, 7, 0, null, 0, null, -1, ""))
                .validation("one Execute broken", worked, ValidationVerdict.read(rejected))
                .window(30)
                .html();
        Path file = HtmlReport.builder().write(dir.resolve("empty/report.html"));
        assertTrue(Files.size(file) > 0);

        Document doc = Svg.parse(html);
        assertEquals(List.of(), externalReferences(doc));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals("bftref demo <test>", doc.getElementsByTagName("h1").item(0).getTextContent());

        // The table: a header and one row per model of the report, with the figures formatted.
        Element table = (Element) doc.getElementsByTagName("table").item(0);
        NodeList trs = table.getElementsByTagName("tr");
        assertEquals(3, trs.getLength());
        assertEquals(List.of("NEG-PBFT-N3F1", "invariant Agreement, 7 states", "invariant Agreement violated, 7 states",
                "OK", "42", "7", "1.5 s"), cells((Element) trs.item(1)));
        assertEquals(List.of("PBFT-Small", "pass, 8360 distinct, depth 19", "pass", "OK", "8,360", "19", "1m 05s"),
                cells((Element) trs.item(2)));

        // Diagrams: two counterexamples, the run, and the rejected validation (an accepted one gets none).
        NodeList svgs = doc.getElementsByTagName("svg");
        assertEquals(4, svgs.getLength());
        List<String> svgTitles = new ArrayList<>();
        for (int i = 0; i < svgs.getLength(); i++) {
            Svg svg = new Svg(nodeToXml(svgs.item(i)));
            svgTitles.add(svg.participants().toString());
        }
        assertEquals(List.of("[replica 0 (Byzantine), replica 1, replica 2]",
                "[replica 0 (Byzantine), replica 1, replica 2, replica 3]",
                "[replica 0 (Byzantine), replica 1, replica 2, replica 3]",
                "[replica 0, replica 1, replica 2, replica 3 (Byzantine)]"), svgTitles);
        Svg runDiagram = new Svg(nodeToXml(svgs.item(2)));
        assertTrue(runDiagram.allText().contains("view change to view 1"), runDiagram.allText());
        Svg rejectedDiagram = new Svg(nodeToXml(svgs.item(3)));
        List<String> hot = rejectedDiagram.textsAfterFill(PlantUmlWriter.HIGHLIGHT_FILL);
        assertTrue(hot.get(0).startsWith("[7] R1 Execute"), hot.toString());

        // The numbered steps of a counterexample, the last one (violating Agreement) marked.
        NodeList ols = doc.getElementsByTagName("ol");
        Element steps = (Element) ols.item(0);
        List<Element> items = children(steps, "li");
        assertEquals(7, items.size());
        assertEquals("7", items.get(6).getAttribute("value"));
        assertEquals("rejected", items.get(6).getAttribute("class"));
        assertTrue(items.get(6).getTextContent().startsWith("SendCommit \u2014 replica 2"), items.get(6).getTextContent());

        // The verdicts as lines, with the reason escaped and intact.
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("accepted: 7 events match the spec"), text);
        assertTrue(text.contains("rejected at event 7 (worked-example.ndjson:8): Execute: fewer than 2f+1 COMMITs <&>"));
    }

    @Test
    void emptyReportIsStillAPageWithoutReferences() throws Exception {
        String html = HtmlReport.builder().html();
        Document doc = Svg.parse(html);
        assertEquals(List.of(), externalReferences(doc));
        assertEquals(0, doc.getElementsByTagName("svg").getLength());
        assertEquals(0, doc.getElementsByTagName("table").getLength());
    }

    /** The check itself finds what it is for (so an empty result above means something). */
    @Test
    void externalReferenceCheckFindsEachKind() throws Exception {
        String[] bad = {"<script src=\"x.js\"></script>", "<link rel=\"stylesheet\" href=\"a.css\"/>",
                "<p style=\"background: url(a.png)\">x</p>", "<style>@import \"a.css\";</style>",
                "<a href=\"https://example.org/\">x</a>", "<svg><image xlink:href=\"a.png\" xmlns:xlink=\"y\"/></svg>",
                "<p>see http://example.org</p>", "<style>@font-face { font-family: x; }</style>"};
        for (String b : bad) {
            Document doc = Svg.parse("<!DOCTYPE html><html><body>" + b + "</body></html>");
            assertTrue(!externalReferences(doc).isEmpty(), b);
        }
        assertEquals(List.of(), externalReferences(Svg.parse("<html><body><a href=\"#x\">x</a></body></html>")));
    }

    private static List<String> cells(Element tr) {
        List<String> cells = new ArrayList<>();
        for (Element td : children(tr, "td")) {
            cells.add(td.getTextContent());
        }
        return cells;
    }

    private static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element && ((Element) c).getTagName().equals(tag)) {
                out.add((Element) c);
            }
        }
        return out;
    }

    static String nodeToXml(Node node) throws Exception {
        javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
        java.io.StringWriter w = new java.io.StringWriter();
        t.transform(new javax.xml.transform.dom.DOMSource(node), new javax.xml.transform.stream.StreamResult(w));
        return w.toString();
    }

    /**
     * mc-report.json is read back as model-checking's own ModelReport: a model the manifest's rules refuse (a
     * violation expected without its length) is one line naming the file and the model, not a row made up.
     */
    @Test
    void aModelCheckingReportIsReadAsModelChecksOwnType() throws Exception {
        Path report = TraceDiagramTest.resource(dir, "mc-report.json");
        String text = Files.readString(report).replace(", \"length\" : 7 }", " }");
        Path broken = dir.resolve("broken-mc-report.json");
        Files.writeString(broken, text);
        RenderException e = org.junit.jupiter.api.Assertions.assertThrows(RenderException.class,
                () -> ModelCheckingRow.readReport(broken));
        assertTrue(e.getMessage().startsWith(broken.toString()) && e.getMessage().contains("models[0]")
                && e.getMessage().contains("\"length\"") && !e.getMessage().contains("\n"), e.getMessage());
        // A field that a later bftref might add is skipped.
        Path later = dir.resolve("later-mc-report.json");
        Files.writeString(later, Files.readString(report).replace("\"workers\" : 1,", "\"workers\" : 1, \"color\" : \"red\","));
        assertEquals(ModelCheckingRow.readReport(report), ModelCheckingRow.readReport(later));
    }
}
