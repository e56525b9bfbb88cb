package org.bftref.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bftref.impl.sim.SimulationResult;
import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceFormatException;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.validate.Verdict;

/**
 * One self-contained HTML page telling what bftref checked: the model-checking table, each counterexample as a
 * sequence diagram with its numbered steps, a simulated run as a diagram (placed around its first view change), and
 * validation verdicts (accepted, or rejected at event k with the reason, the event red in its diagram). Every part
 * is optional; a part not given is left out, and an empty report still says what would go where.
 *
 * <p>Self-contained means a browser loads nothing else: the CSS is in a {@code <style>} element, the diagrams are
 * inline SVG, there are no scripts, links, images, fonts or URLs. The page is also well-formed XML, so tests (and
 * other tools) can read it with an XML parser.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Path html = HtmlReport.builder()
 *         .title("bftref demo")                                        // default "bftref report"
 *         .paragraph("Model checking, a simulated run and its validation.")
 *         .modelChecking(ModelCheckingRow.readReport(Path.of("target/mc-report.json")))
 *         .counterexample(Path.of("target/counterexamples/NEG-PBFT-N3F1.txt"))   // any number of them
 *         .simulation("n=4, replica 0 equivocates, seed 7", Path.of("out.ndjson")) // or a SimulationResult / Trace
 *         .validation("the simulated trace", Path.of("out.ndjson"), verdict)       // a Verdict of TraceValidator
 *         .validation("one Execute broken", Path.of("broken.ndjson"), brokenVerdict)
 *         .window(60)                                                  // events per diagram, default 60
 *         .write(Path.of("target/bftref-report.html"));
 * }</pre>
 * Methods that read a file throw {@link RenderException} (one line: file, line, field, reason) when it is missing or
 * malformed, at the call, so the caller knows which input was bad; {@link Builder#html()} and
 * {@link Builder#write(Path)} then only draw (so {@code window} applies to every diagram, whenever it is set).
 * Verdicts may also come from the JSON of {@code bftref validate --json} ({@link ValidationVerdict#read(Path)}), and
 * model-checking rows from a {@code ModelReport} in the same JVM ({@link ModelCheckingRow#of}).
 * The only links are to the page's own sections ({@code href="#..."}).
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the parts; {@link #html()} draws them. Not thread-safe; one page per builder. */
    public static final class Builder {
        private String title = "bftref report";
        private final List<String> paragraphs = new ArrayList<>();
        private List<ModelCheckingRow> rows;
        private final List<CounterexampleFile> counterexamples = new ArrayList<>();
        private final List<Run> simulations = new ArrayList<>();
        private final List<Validation> validations = new ArrayList<>();
        private int window = SequenceDiagram.DEFAULT_WINDOW;

        private record Run(String caption, Trace trace) {
        }

        private record Validation(String caption, Trace trace, ValidationVerdict verdict) {
        }

        private Builder() {
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** A paragraph of plain text under the title (escaped, never markup). */
        public Builder paragraph(String text) {
            paragraphs.add(text);
            return this;
        }

        /** The most events a diagram shows (default {@value SequenceDiagram#DEFAULT_WINDOW}); longer runs are cut. */
        public Builder window(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("window must be at least 1, not " + events);
            }
            this.window = events;
            return this;
        }

        /** The model-checking table; replaces rows given before. */
        public Builder modelChecking(List<ModelCheckingRow> rows) {
            this.rows = List.copyOf(rows);
            return this;
        }

        /** A counterexample file of bftref check ({@code target/counterexamples/<model>.txt}). */
        public Builder counterexample(Path file) throws RenderException {
            return counterexample(CounterexampleFile.read(file));
        }

        /** A counterexample already read ({@link CounterexampleFile#read}). */
        public Builder counterexample(CounterexampleFile counterexample) {
            counterexamples.add(counterexample);
            return this;
        }

        /** A simulated run, from its trace file ({@code bftref simulate --trace}). */
        public Builder simulation(String caption, Path traceFile) throws RenderException {
            return simulation(caption, Diagrams.readTrace(traceFile));
        }

        /** A simulated run that recorded its trace ({@code Scenario.withRecordTrace(true)}). */
        public Builder simulation(String caption, SimulationResult run) throws RenderException {
            return simulation(caption, traceOf(run));
        }

        public Builder simulation(String caption, Trace trace) {
            simulations.add(new Run(caption, trace));
            return this;
        }

        /** A validation verdict on a trace file; a rejected event is drawn red. */
        public Builder validation(String caption, Path traceFile, Verdict verdict) throws RenderException {
            return validation(caption, Diagrams.readTrace(traceFile), ValidationVerdict.of(verdict));
        }

        public Builder validation(String caption, Path traceFile, ValidationVerdict verdict) throws RenderException {
            return validation(caption, Diagrams.readTrace(traceFile), verdict);
        }

        /**
         * @throws RenderException if the verdict does not fit the trace (another event count, or a rejected event of
         *                         another action or replica)
         */
        public Builder validation(String caption, Trace trace, ValidationVerdict verdict) throws RenderException {
            TraceDiagrams.diagram(trace, verdict, null); // checks that the verdict is on this trace
            validations.add(new Validation(caption, trace, verdict));
            return this;
        }

        /** Draws every part and returns the page. */
        public String html() {
            Page p = new Page();
            p.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                    .text(title).raw("</title>\n<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n<h1>")
                    .text(title).raw("</h1>\n");
            for (String para : paragraphs) {
                p.raw("<p>").text(para).raw("</p>\n");
            }
            p.raw("<nav><ul>");
            navItem(p, "model-checking", "Model checking", rows != null);
            navItem(p, "counterexamples", "Counterexamples", !counterexamples.isEmpty());
            navItem(p, "simulation", "Simulated run", !simulations.isEmpty());
            navItem(p, "validation", "Validation", !validations.isEmpty());
            p.raw("</ul></nav>\n");
            if (rows != null) {
                modelCheckingSection(p);
            }
            if (!counterexamples.isEmpty()) {
                p.raw("<section id=\"counterexamples\">\n<h2>Counterexamples</h2>\n<p>Each negative model weakens one "
                        + "rule of PBFT; TLC's shortest behaviour that breaks the property is drawn below, with its "
                        + "numbered steps. The state that violates an invariant is red.</p>\n");
                for (CounterexampleFile cx : counterexamples) {
                    counterexampleSection(p, cx);
                }
                p.raw("</section>\n");
            }
            if (!simulations.isEmpty()) {
                p.raw("<section id=\"simulation\">\n<h2>Simulated run</h2>\n");
                for (Run run : simulations) {
                    runSection(p, run);
                }
                p.raw("</section>\n");
            }
            if (!validations.isEmpty()) {
                p.raw("<section id=\"validation\">\n<h2>Validation</h2>\n<p>Each trace checked against "
                        + "spec/pbft/TracePBFT.tla by TLC.</p>\n");
                for (Validation v : validations) {
                    validationSection(p, v);
                }
                p.raw("</section>\n");
            }
            legend(p);
            p.raw("<footer>Written by bftref. This page is self-contained: it loads nothing from anywhere."
                    + "</footer>\n</body>\n</html>\n");
            return p.toString();
        }

        /** Writes the page (creating the directory) and returns the path. */
        public Path write(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html(), StandardCharsets.UTF_8);
            return file;
        }

        private static void navItem(Page p, String id, String name, boolean present) {
            if (present) {
                p.raw("<li><a href=\"#").raw(id).raw("\">").text(name).raw("</a></li>");
            }
        }

        private void modelCheckingSection(Page p) {
            p.raw("<section id=\"model-checking\">\n<h2>Model checking</h2>\n");
            if (rows.isEmpty()) {
                p.raw("<p>No models were checked.</p>\n</section>\n");
                return;
            }
            long ok = rows.stream().filter(r -> "OK".equals(r.verdict())).count();
            p.raw("<p>").text(ok + " of " + rows.size() + " models gave their expected result.").raw("</p>\n");
            p.raw("<table class=\"mc\">\n<thead><tr><th>Model</th><th>Expected</th><th>Result</th><th>Verdict</th>"
                    + "<th class=\"num\">Distinct states</th><th class=\"num\">Depth</th><th class=\"num\">Time</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (ModelCheckingRow r : rows) {
                p.raw("<tr class=\"").raw("OK".equals(r.verdict()) ? "ok" : "bad").raw("\"><td>").text(r.model())
                        .raw("</td><td>").text(r.expected()).raw("</td><td>").text(r.result())
                        .raw("</td><td>").text(r.verdict())
                        .raw("</td><td class=\"num\">").text(r.distinctStates() == null ? ""
                                : String.format(Locale.ROOT, "%,d", r.distinctStates()))
                        .raw("</td><td class=\"num\">").text(r.depth() == null ? "" : String.valueOf(r.depth()))
                        .raw("</td><td class=\"num\">").text(duration(r.seconds())).raw("</td></tr>\n");
            }
            p.raw("</tbody>\n</table>\n</section>\n");
        }

        private void counterexampleSection(Page p, CounterexampleFile cx) {
            p.raw("<article class=\"cx\">\n<h3>").text(cx.model()).raw("</h3>\n<p class=\"what\">")
                    .text(cx.violation()).raw("</p>\n<p>").text(cx.description()).raw("</p>\n");
            SequenceDiagram d;
            try {
                d = CounterexampleDiagrams.diagram(cx);
            } catch (RenderException e) {
                p.raw("<p class=\"rejected\">").text("not drawn: " + e.getMessage()).raw("</p>\n</article>\n");
                return;
            }
            diagram(p, d);
            p.raw("<details open=\"open\"><summary>Steps</summary>\n<ol class=\"steps\">\n<li value=\"1\">Initial state");
            if (!cx.initial().isEmpty()) {
                p.raw("<ul>");
                cx.initial().forEach((k, v) -> p.raw("<li><code>").text(k + " = " + v).raw("</code></li>"));
                p.raw("</ul>");
            }
            p.raw("</li>\n");
            List<CounterexampleFile.Step> steps = cx.steps();
            for (CounterexampleFile.Step s : steps) {
                boolean last = cx.invariantViolation() && s == steps.get(steps.size() - 1);
                p.raw("<li value=\"").raw(String.valueOf(s.number())).raw(last ? "\" class=\"rejected\">" : "\">")
                        .raw("<b>").text(s.action()).raw("</b> \u2014 ").text(s.text()).raw("</li>\n");
            }
            p.raw("</ol>\n");
            if (cx.loopsBackTo() > 0) {
                p.raw("<p>").text("Then back to state " + cx.loopsBackTo() + ": the behaviour repeats forever.").raw("</p>\n");
            }
            if (cx.stutters()) {
                p.raw("<p>Then it stutters forever: no further step is ever taken.</p>\n");
            }
            p.raw("</details>\n</article>\n");
        }

        private void runSection(Page p, Run run) {
            SequenceDiagram d;
            try {
                d = TraceDiagrams.diagram(run.trace(), null, null);
            } catch (RenderException e) {
                throw new IllegalStateException(e); // no verdict, so nothing to disagree with
            }
            long viewChanges = run.trace().events().stream().filter(e -> e.action().equals("SendViewChange")).count();
            p.raw("<article class=\"run\">\n<h3>").text(run.caption()).raw("</h3>\n<p>")
                    .text(d.events().size() + " events of honest replicas; " + (viewChanges == 0 ? "no view change"
                            : viewChanges + " VIEW-CHANGE message" + (viewChanges == 1 ? "" : "s")
                            + " (the diagram is placed around the first)") + ".").raw("</p>\n");
            diagram(p, d);
            p.raw("</article>\n");
        }

        private void validationSection(Page p, Validation v) {
            ValidationVerdict verdict = v.verdict();
            p.raw("<article class=\"validation\">\n<h3>").text(v.caption()).raw("</h3>\n<p class=\"")
                    .raw(verdict.accepted() ? "accepted" : "rejected").raw("\">").text(verdict.summary()).raw("</p>\n");
            if (!verdict.accepted()) {
                try {
                    diagram(p, TraceDiagrams.diagram(v.trace(), verdict, null));
                } catch (RenderException e) {
                    throw new IllegalStateException(e); // checked when the validation was added
                }
            }
            p.raw("</article>\n");
        }

        private void diagram(Page p, SequenceDiagram whole) {
            SequenceDiagram d = whole.window(window);
            String svg = SvgRenderer.inline(SvgRenderer.svg(PlantUmlWriter.write(d)));
            p.raw("<figure class=\"diagram\">").raw(svg).raw("<figcaption>");
            if (d.omittedBefore() + d.omittedAfter() > 0) {
                p.text("Events " + (d.omittedBefore() + 1) + " to " + (d.omittedBefore() + d.events().size())
                        + " of " + (d.omittedBefore() + d.events().size() + d.omittedAfter()) + ".");
            } else {
                p.text(d.arrowCount() + " messages drawn.");
            }
            p.raw("</figcaption></figure>\n");
        }

        private static void legend(Page p) {
            p.raw("<section id=\"legend\">\n<h2>How to read the diagrams</h2>\n<ul>\n"
                    + "<li>One lifeline per replica; <span class=\"byz\">faulty (Byzantine) replicas</span> do not log, "
                    + "so no arrow leaves them: the specs let them send anything they can sign.</li>\n"
                    + "<li>[k] is the event's number in the trace (a step's number in a counterexample). A multicast "
                    + "is one labelled arrow to the first receiver and unlabelled ones to the others; its label names "
                    + "the sender, the message type, view v, sequence number n and the first 8 hex digits of the "
                    + "digest d.</li>\n"
                    + "<li>Notes on a lifeline are steps that send nothing (execution, checkpoints, restarts); double "
                    + "lines mark where a view change starts and where the new view begins.</li>\n"
                    + "<li><span class=\"hot\">Red</span>: the event validation rejected, or the state that violates "
                    + "an invariant.</li>\n</ul>\n</section>\n");
        }
    }

    static Trace traceOf(SimulationResult run) throws RenderException {
        List<String> lines = run.traceLines();
        if (lines.isEmpty()) {
            throw new RenderException(null, 0, "trace", "the run did not record its trace (Scenario.withRecordTrace)");
        }
        try {
            return TraceReader.read("simulation-seed-" + run.scenario().seed() + ".ndjson",
                    (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (TraceFormatException e) {
            throw new RenderException(e.getMessage(), e.line());
        }
    }

    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }

    /** The page being written: markup as is, text escaped for both HTML and XML. */
    private static final class Page {
        private final StringBuilder sb = new StringBuilder(1 << 16);

        Page raw(String markup) {
            sb.append(markup);
            return this;
        }

        Page text(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&': sb.append("&amp;"); break;
                    case '<': sb.append("&lt;"); break;
                    case '>': sb.append("&gt;"); break;
                    case '"': sb.append("&quot;"); break;
                    default:
                        // XML 1.0 forbids most control characters even as references; they carry nothing here.
                        sb.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
                }
            }
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    private static final String CSS = String.join("\n",
            "body { font-family: sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #222; }",
            "h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; } h3 { margin-bottom: 0.2em; }",
            "nav ul { list-style: none; padding: 0; } nav li { display: inline; margin-right: 1.5em; }",
            "table.mc { border-collapse: collapse; } table.mc th, table.mc td { border: 1px solid #ccc; padding: 0.25em 0.6em; }",
            "table.mc th { background: #f0f0f0; text-align: left; } .num { text-align: right; }",
            "tr.bad td { background: #ffe0e0; }",
            "figure.diagram { margin: 1em 0; overflow-x: auto; border: 1px solid #ddd; padding: 0.5em; }",
            "figure.diagram svg { max-width: none; } figcaption { color: #555; font-size: 0.9em; }",
            ".what { font-weight: bold; } .accepted { color: #1a7f37; font-weight: bold; }",
            ".rejected { color: " + PlantUmlWriter.HIGHLIGHT_COLOR + "; font-weight: bold; }",
            "ol.steps li { margin: 0.15em 0; } ol.steps code { font-size: 0.9em; }",
            ".byz { background: " + PlantUmlWriter.BYZANTINE_FILL + "; padding: 0 0.3em; }",
            ".hot { background: " + PlantUmlWriter.HIGHLIGHT_FILL + "; color: " + PlantUmlWriter.HIGHLIGHT_COLOR + "; padding: 0 0.3em; }",
            "footer { margin-top: 3em; color: #777; font-size: 0.85em; }",
            "");
}
