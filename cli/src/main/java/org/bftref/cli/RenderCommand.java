package org.bftref.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.report.Diagrams;
import org.bftref.report.RenderException;
import org.bftref.report.SequenceDiagram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bftref render}: a trace or a TLC counterexample drawn as a sequence diagram (SVG). */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Draws a trace (trace-validation/FORMAT.md; what simulate --trace and run --trace write) or a "
                        + "counterexample of bftref check (target/counterexamples/<model>.txt) as a sequence diagram "
                        + "in SVG, and prints the SVG's path.",
                "Replicas are lifelines (faulty ones marked Byzantine), messages are arrows labelled [event] sender: "
                        + "type, view, sequence number and the first 8 hex digits of the digest; double lines mark "
                        + "view changes. With --verdict, the event validation rejected is red with the reason; in a "
                        + "counterexample the state that violates the invariant is red. A run longer than the window "
                        + "is cut around the rejected event, else around the first view change, and notes say how "
                        + "many events were left out.",
                "",
                "Examples:",
                "  ./bftref simulate --seed 7 --byzantine EQUIVOCATE --trace out.ndjson && ./bftref render out.ndjson",
                "  ./bftref validate --json broken.ndjson > verdict.json; ./bftref render broken.ndjson --verdict verdict.json",
                "  ./bftref check --model NEG-PBFT-N3F1; ./bftref render target/counterexamples/NEG-PBFT-N3F1.txt --out n3f1.svg"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the SVG was written",
                "2:bad input: a file that is missing, not a trace or counterexample, or malformed (one line names the "
                        + "file, line and field), a verdict on another trace, or a bad option",
                "4:the SVG could not be written",
                "9:internal error"})
public final class RenderCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    static final int CANNOT_WRITE = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--verdict", paramLabel = "VERDICT.json",
            description = "the verdict of bftref validate --json on this trace: its rejected event is drawn red")
    Path verdict;

    @Option(names = "--out", paramLabel = "FILE.svg",
            description = "where to write the SVG (default: the input's name with .svg, in the same directory)")
    Path out;

    @Option(names = "--window", paramLabel = "N",
            description = "the most events drawn; longer runs are cut around the interesting part (default: ${DEFAULT-VALUE})")
    int window = SequenceDiagram.DEFAULT_WINDOW;

    @Option(names = "--json", description = "print one JSON object (the SVG's path, the input kind, the lifelines, "
            + "the events drawn and left out, the arrows, the highlighted event) instead of the path")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "a trace (.ndjson) or a counterexample (.txt)")
    Path file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (window < 1) {
            err.println("bftref render: --window: must be at least 1, not " + window);
            return BAD_INPUT;
        }
        Diagrams.Drawn drawn;
        try {
            drawn = Diagrams.draw(file, verdict, window);
        } catch (RenderException e) {
            err.println("bftref render: " + e.getMessage());
            return BAD_INPUT;
        }
        Path target = out != null ? out : defaultOut(file);
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, drawn.svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("bftref render: " + target + ": cannot write: " + e.getMessage());
            return CANNOT_WRITE;
        }
        if (json) {
            SequenceDiagram d = drawn.diagram();
            ObjectNode o = JSON.createObjectNode();
            o.put("svg", target.toString());
            o.put("kind", drawn.kind().name().toLowerCase(java.util.Locale.ROOT));
            d.participants().forEach(p -> o.withArray("participants").add(p.name()));
            o.put("events", d.events().size());
            o.put("omittedBefore", d.omittedBefore());
            o.put("omittedAfter", d.omittedAfter());
            o.put("arrows", d.arrowCount());
            if (d.highlight() != null) {
                o.put("highlightedEvent", d.highlight().event());
                o.put("highlight", d.highlight().text());
            }
            stdout.println(o);
        } else {
            stdout.println(target);
        }
        stdout.flush();
        return 0;
    }

    /** out.ndjson -> out.svg, NEG-PBFT-N3F1.txt -> NEG-PBFT-N3F1.svg; beside the input. */
    static Path defaultOut(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return input.resolveSibling(base + ".svg");
    }
}
