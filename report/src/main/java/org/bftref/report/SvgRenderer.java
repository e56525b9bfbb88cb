package org.bftref.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.core.DiagramDescription;

/**
 * Draws PlantUML source as SVG, in this JVM. Sequence diagrams need no Graphviz, so nothing is forked and nothing
 * outside the jar is read. PlantUML writes the SVG to a stream given to it; it prints nothing to stdout for source it
 * can parse (a test holds it to that, because {@code bftref render} prints only the SVG's path).
 */
public final class SvgRenderer {

    static {
        // PlantUML measures text with AWT fonts; without this a machine with no display could try to open one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Pattern PROCESSING_INSTRUCTION = Pattern.compile("<\\?[^>]*\\?>");
    private static final Pattern NAMESPACE = Pattern.compile("\\s+xmlns(:\\w+)?=\"[^\"]*\"");

    private SvgRenderer() {
    }

    /**
     * The SVG of one diagram. The source is ours ({@link PlantUmlWriter}), so a syntax error is a bug in bftref
     * and thrown as {@link IllegalStateException}.
     */
    public static String svg(String plantUml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DiagramDescription description;
        try {
            // PlantUML is not documented as thread-safe; bftref draws one diagram at a time.
            synchronized (SvgRenderer.class) {
                description = new SourceStringReader(plantUml)
                        .outputImage(out, new FileFormatOption(FileFormat.SVG));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PlantUML could not write the SVG: " + e.getMessage(), e);
        }
        if (description == null || "(Error)".equals(description.getDescription())) {
            throw new IllegalStateException("PlantUML rejected the diagram bftref generated (a bug in bftref): "
                    + (description == null ? "no diagram" : description.getDescription()));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The SVG made fit to sit inside an HTML page: without processing instructions (PlantUML's version and its
     * compressed source) and without namespace declarations, which HTML's parser does not need and whose
     * {@code http://www.w3.org/...} names would read as external references. Fails if the SVG links to anything.
     */
    public static String inline(String svg) {
        if (svg.contains("xlink:") && svg.replaceAll("xmlns:xlink=\"[^\"]*\"", "").contains("xlink:")) {
            throw new IllegalStateException("the SVG holds a link (xlink:), which a self-contained page must not");
        }
        String s = PROCESSING_INSTRUCTION.matcher(svg).replaceAll("");
        int end = s.indexOf('>');
        return NAMESPACE.matcher(s.substring(0, end)).replaceAll("") + s.substring(end);
    }
}
