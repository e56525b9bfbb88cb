package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import picocli.CommandLine;

import org.bftref.report.PlantUmlWriter;

/** simulate, validate a broken copy, render it with the verdict: the SVG has the lifelines and the red event. */
class RenderCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    private static Document svg(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static List<Element> groups(Document doc, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList gs = doc.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (List.of(g.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(g);
            }
        }
        return found;
    }

    @Test
    void renderedRejectionShowsTheBrokenEventInRed(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("out.ndjson");
        assertEquals(0, run("simulate", "--seed", "7", "--byzantine", "EQUIVOCATE", "--trace", trace.toString()));
        assertEquals(0, run("render", trace.toString()), err.toString());
        Path svgFile = dir.resolve("out.svg");
        assertEquals(svgFile + System.lineSeparator(), out.toString(), "stdout is the path and nothing else");
        Document plain = svg(svgFile);
        List<String> heads = new ArrayList<>();
        for (Element g : groups(plain, "participant-head")) {
            heads.add(g.getElementsByTagName("text").item(0).getTextContent());
        }
        assertEquals(List.of("replica 0 (Byzantine)", "replica 1", "replica 2", "replica 3"), heads);

        // Break the first SendCommit: one PREPARE is no prepared certificate.
        List<String> lines = new ArrayList<>(Files.readAllLines(trace));
        int broken = -1;
        for (int k = 1; k < lines.size() && broken < 0; k++) {
            if (lines.get(k).contains("\"action\":\"SendCommit\"")) {
                lines.set(k, lines.get(k).replaceAll("\"prepares\":\\[[0-9,]*\\]", "\"prepares\":[2]"));
                broken = k;
            }
        }
        assertTrue(broken > 0);
        Path bad = dir.resolve("bad.ndjson");
        Files.write(bad, lines);
        assertEquals(1, run("validate", "--json", bad.toString()));
        Path verdict = dir.resolve("verdict.json");
        Files.writeString(verdict, out.toString());

        Path target = dir.resolve("pictures/bad.svg");
        assertEquals(0, run("render", bad.toString(), "--verdict", verdict.toString(), "--out", target.toString(),
                "--window", "20", "--json"), err.toString());
        assertTrue(out.toString().contains("\"highlightedEvent\":" + broken), out.toString());
        assertTrue(out.toString().contains("\"svg\":\"" + target + "\""), out.toString());
        List<String> red = new ArrayList<>();
        for (Element m : groups(svg(target), "message")) {
            Element line = (Element) m.getElementsByTagName("line").item(0);
            if (line.getAttribute("style").contains("stroke:" + PlantUmlWriter.HIGHLIGHT_COLOR)) {
                red.add(m.getTextContent());
            }
        }
        assertEquals(3, red.size(), "one COMMIT multicast to the three others");
        assertTrue(red.get(0).startsWith("[" + broken + "] R"), red.toString());
        assertTrue(red.get(0).contains("COMMIT"), red.toString());
        assertTrue(Files.readString(target).contains("rejected at event " + broken));
    }

    @Test
    void counterexampleIsRenderedBesideItself(@TempDir Path dir) throws Exception {
        Path cx = dir.resolve("NEG-PBFT-N3F1.txt");
        Files.writeString(cx, String.join("\n",
                "Model NEG-PBFT-N3F1: invariant Agreement violated (7 states)",
                "n = 3f: three replicas cannot tolerate one fault",
                "Module model-checking/MCPBFT_N3F1.tla, config model-checking/MCPBFT_N3F1.cfg; TLC's own output: x",
                "",
                "1. Initial state",
                "     view = <<0, 0>>",
                "     msgs = {}",
                "2. ClientRequest \u2014 requested: {} -> {a}",
                "3. ClientRequest \u2014 requested: {a} -> {a, b}",
                "4. SendPrepare \u2014 replica 1 sends PREPARE(v=0, n=1, d=a)",
                "5. SendCommit \u2014 replica 1: prepared {} -> {<<0, 1, a>>}, sends COMMIT(v=0, n=1, d=a)",
                "6. SendPrepare \u2014 replica 2 sends PREPARE(v=0, n=1, d=b)",
                "7. SendCommit \u2014 replica 2: prepared {} -> {<<0, 1, b>>}, sends COMMIT(v=0, n=1, d=b)",
                ""), StandardCharsets.UTF_8);
        assertEquals(0, run("render", "--json", cx.toString()), err.toString());
        assertTrue(out.toString().contains("\"kind\":\"counterexample\""), out.toString());
        assertTrue(out.toString().contains("\"participants\":[\"replica 0 (Byzantine)\",\"replica 1\",\"replica 2\"]"),
                out.toString());
        assertTrue(out.toString().contains("\"arrows\":8"), out.toString());
        assertTrue(out.toString().contains("\"highlightedEvent\":7"), out.toString());
        assertEquals(8, groups(svg(dir.resolve("NEG-PBFT-N3F1.svg")), "message").size());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.ndjson");
        Files.writeString(trace, "{\"format\":\"bftref-trace\",\"version\":1,\"protocol\":\"pbft\",\"n\":4,\"f\":1,"
                + "\"replicas\":[0,1,2,3],\"faulty\":[],\"checkpointInterval\":4,\"watermarkWindow\":8,\"nullDigest\":\"e3\"}\n"
                + "{\"action\":\"SendPrepare\",\"replica\":1,\"v\":0,\"n\":1,\"d\":\"XY\"}\n");
        assertEquals(2, run("render", trace.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("bftref render: " + trace + ":2: d"), err.toString());
        assertEquals("", out.toString());

        Path other = dir.resolve("notes.txt");
        Files.writeString(other, "hello\n");
        assertEquals(2, run("render", other.toString()));
        assertTrue(err.toString().startsWith("bftref render: " + other + ":1: neither a bftref trace"), err.toString());

        assertEquals(2, run("render", dir.resolve("missing.ndjson").toString()));
        assertEquals("bftref render: " + dir.resolve("missing.ndjson") + ": no such file", err.toString().strip());

        assertEquals(2, run("render", "--window", "0", trace.toString()));
        assertTrue(err.toString().startsWith("bftref render: --window: must be at least 1"), err.toString());

        assertEquals(0, run("render", "--help"));
        assertTrue(out.toString().contains("Examples:") && out.toString().contains("Exit codes:"), out.toString());
    }
}
