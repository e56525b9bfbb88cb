package org.bftref.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceFormatException;
import org.bftref.trace.format.TraceReader;

/**
 * Reads a file of either kind a diagram can be drawn from, and draws it. A trace (a simulated run is one too) is
 * NDJSON, so its first byte is an opening brace; a counterexample starts with {@code Model NAME: }. Anything else is
 * neither.
 */
public final class Diagrams {

    /** More lifelines than this do not fit a screen; the traces and models of bftref have at most 7. */
    public static final int MAX_REPLICAS = 64;

    private Diagrams() {
    }

    /** What a file holds. */
    public enum Kind {
        TRACE, COUNTEREXAMPLE
    }

    /**
     * A diagram drawn: the kind of input, the model (already cut to the window), its PlantUML source and the SVG.
     */
    public record Drawn(Kind kind, SequenceDiagram diagram, String plantUml, String svg) {
    }

    public static Kind kind(Path file) throws RenderException {
        byte[] start = new byte[64];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        } catch (NoSuchFileException e) {
            throw new RenderException(file, 0, "", "no such file");
        } catch (IOException e) {
            throw new RenderException(file, 0, "", Files.isDirectory(file) ? "is a directory" : "cannot read: " + e.getMessage());
        }
        String head = new String(start, 0, read, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.startsWith("{")) {
            return Kind.TRACE;
        }
        if (head.startsWith("Model ")) {
            return Kind.COUNTEREXAMPLE;
        }
        throw new RenderException(file, 1, "", read == 0 ? "empty file"
                : "neither a bftref trace (a JSON header line) nor a counterexample of bftref check (\"Model NAME: ...\")");
    }

    /**
     * The whole diagram of a file, no window applied.
     *
     * @param verdictFile the JSON of {@code bftref validate --json} on this trace, or null; only for traces
     */
    public static SequenceDiagram diagram(Path file, Path verdictFile) throws RenderException {
        Kind kind = kind(file);
        if (kind == Kind.COUNTEREXAMPLE) {
            if (verdictFile != null) {
                throw new RenderException(verdictFile, 0, "", "a verdict belongs to a trace, and "
                        + file.getFileName() + " is a counterexample");
            }
            return CounterexampleDiagrams.diagram(CounterexampleFile.read(file));
        }
        ValidationVerdict verdict = verdictFile == null ? null : ValidationVerdict.read(verdictFile);
        return TraceDiagrams.diagram(readTrace(file), verdict, verdictFile);
    }

    /** Reads, windows and draws. */
    public static Drawn draw(Path file, Path verdictFile, int window) throws RenderException {
        Kind kind = kind(file);
        SequenceDiagram d = diagram(file, verdictFile).window(window);
        String source = PlantUmlWriter.write(d);
        return new Drawn(kind, d, source, SvgRenderer.svg(source));
    }

    static Trace readTrace(Path file) throws RenderException {
        try {
            return TraceReader.read(List.of(file));
        } catch (TraceFormatException e) {
            throw new RenderException(e.getMessage(), e.line());
        }
    }
}
