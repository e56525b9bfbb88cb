package org.bftref.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An SVG of PlantUML's, read as a DOM: the lifelines (heads of {@code g.participant-head}), the arrows
 * ({@code g.message}) and the text of notes. Tests ask the drawing, not our model of it.
 */
final class Svg {

    final Document doc;

    Svg(String svg) throws Exception {
        this.doc = parse(svg);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // Nothing a test parses may pull anything in from outside.
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The lifeline names, left to right (the heads at the top; PlantUML draws them again at the bottom). */
    List<String> participants() {
        List<String> names = new ArrayList<>();
        for (Element g : groups("participant-head")) {
            names.add(g.getElementsByTagName("text").item(0).getTextContent());
        }
        return names;
    }

    /** Every arrow. */
    List<Element> messages() {
        return groups("message");
    }

    /** The arrows drawn in the highlight colour. */
    List<Element> highlightedMessages() {
        List<Element> hot = new ArrayList<>();
        for (Element m : messages()) {
            Element line = (Element) m.getElementsByTagName("line").item(0);
            if (line.getAttribute("style").contains("stroke:" + PlantUmlWriter.HIGHLIGHT_COLOR)) {
                hot.add(m);
            }
        }
        return hot;
    }

    /** The texts of the shapes filled with {@code fill}: the text elements right after a shape are its text. */
    List<String> textsAfterFill(String fill) {
        List<String> texts = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (!fill.equalsIgnoreCase(e.getAttribute("fill"))) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (Node n = e.getNextSibling(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element) || !((Element) n).getTagName().equals("text")) {
                    break; // a note's outline is followed by its folded corner, and that by the text
                }
                sb.append(sb.length() == 0 ? "" : " ").append(n.getTextContent());
            }
            if (sb.length() > 0) {
                texts.add(sb.toString());
            }
        }
        return texts;
    }

    /** All text of the drawing, one element per line. */
    String allText() {
        StringBuilder sb = new StringBuilder();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            sb.append(texts.item(i).getTextContent()).append('\n');
        }
        return sb.toString();
    }

    static String label(Element message) {
        NodeList t = message.getElementsByTagName("text");
        return t.getLength() == 0 ? "" : t.item(0).getTextContent();
    }

    private List<Element> groups(String cssClass) {
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
}
