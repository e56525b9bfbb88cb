package org.bftref.trace.correspondence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The code-spec correspondence check and the table it produces (docs/spec-code-map.md).
 *
 * <p>The actions are read from the specs, never listed here: the protocol actions are the disjuncts of PBFT.tla's
 * {@code Next}, the trace spec's actions are the arms of TracePBFT.tla's {@code Apply}, and its additions are those
 * of them that PBFT.tla's {@code Next} lacks ({@link TlaActions}). The handlers and the names the tracer can emit
 * are read from the Java sources ({@link JavaActions}); the documented events from FORMAT.md's event table. The
 * check rejects, each at a file:line:
 * <ol>
 *   <li>an action of PBFT.tla, or one added by TracePBFT.tla, without exactly one {@code @SpecAction} handler (the
 *       additions too: TracePBFT.tla adds a step only for something the implementation does, so it has a
 *       handler);</li>
 *   <li>a {@code @SpecAction} that names no such action (a misspelling names the closest action);</li>
 *   <li>a trace event name the tracer can emit that TracePBFT.tla does not dispatch (the validator would reject
 *       every trace containing it), or that FORMAT.md's event table does not document;</li>
 *   <li>a trace event emitted inside one handler under another action's name (the handler, the action and the
 *       event share one name: design.md, Naming);</li>
 *   <li>anything the extractors could not read.</li>
 * </ol>
 */
final class SpecCodeMap {

    /** Where the check reads from, as sources with repository-relative paths. */
    record Inputs(Source protocolSpec, Source traceSpec, Source format, List<Source> java) {
    }

    /** One spec action with everything that corresponds to it. */
    record Row(String action, TlaActions.Action protocol, TlaActions.Action trace, List<JavaActions.Handler> handlers,
               List<JavaActions.Emission> emissions, Integer formatLine) {
    }

    /** The findings (empty if the two sides correspond) and the table's rows. */
    record Outcome(List<Finding> findings, List<Row> rows) {
    }

    /** The operators the extractors read: the protocol's next-state relation and the trace spec's dispatch. */
    static final String NEXT = "Next";
    static final String DISPATCH = "Apply";

    private SpecCodeMap() {
    }

    static Outcome check(Inputs in) {
        List<Finding> findings = new ArrayList<>();
        TlaActions.Result protocol = TlaActions.nextDisjuncts(in.protocolSpec(), NEXT);
        TlaActions.Result trace = TlaActions.dispatchedActions(in.traceSpec(), DISPATCH);
        JavaActions.Result java = JavaActions.scan(in.java());
        Map<String, Integer> documented = documentedEvents(in.format(), findings);
        findings.addAll(protocol.problems());
        findings.addAll(trace.problems());
        findings.addAll(java.problems());

        Map<String, TlaActions.Action> protocolByName = byName(protocol.actions());
        Map<String, TlaActions.Action> traceByName = byName(trace.actions());
        // Protocol actions in Next's order, then the trace spec's additions in Apply's order.
        Set<String> actions = new LinkedHashSet<>(protocolByName.keySet());
        actions.addAll(traceByName.keySet());

        Map<String, List<JavaActions.Handler>> handlers = new LinkedHashMap<>();
        for (JavaActions.Handler h : java.handlers()) {
            handlers.computeIfAbsent(h.action(), k -> new ArrayList<>()).add(h);
            if (!actions.contains(h.action())) {
                findings.add(new Finding(h.source().path(), h.line(), "@SpecAction(\"" + h.action() + "\") on "
                        + h.className() + "." + h.method() + " names no action of " + in.protocolSpec().fileName()
                        + "'s " + NEXT + " or " + in.traceSpec().fileName() + "'s " + DISPATCH + closest(h.action(), actions)));
            }
        }
        Map<String, List<JavaActions.Emission>> emissions = new LinkedHashMap<>();
        for (JavaActions.Emission e : java.emissions()) {
            emissions.computeIfAbsent(e.action(), k -> new ArrayList<>()).add(e);
            String where = "trace event \"" + e.action() + "\" (reaching the TraceEvent at " + e.origin() + ")";
            if (!traceByName.containsKey(e.action())) {
                String why = protocolByName.containsKey(e.action())
                        ? " is an action of " + in.protocolSpec().fileName() + " but " + in.traceSpec().fileName()
                          + "'s " + DISPATCH + " does not dispatch it, so the validator rejects it"
                        : " is not an action of " + in.traceSpec().fileName() + "'s " + DISPATCH
                          + closest(e.action(), traceByName.keySet());
                findings.add(new Finding(e.source().path(), e.line(), where + why));
            }
            if (!documented.containsKey(e.action())) {
                findings.add(new Finding(e.source().path(), e.line(), where + " is not documented in "
                        + in.format().path() + "'s event table"));
            }
            if (e.inHandler() != null && !e.inHandler().equals(e.action())) {
                findings.add(new Finding(e.source().path(), e.line(), where + " is emitted inside the handler of "
                        + e.inHandler() + "; a handler traces its own action"));
            }
        }

        List<Row> rows = new ArrayList<>();
        for (String action : actions) {
            TlaActions.Action p = protocolByName.get(action);
            TlaActions.Action t = traceByName.get(action);
            TlaActions.Action spec = p != null ? p : t;
            List<JavaActions.Handler> hs = handlers.getOrDefault(action, List.of());
            String kind = p != null ? NEXT + "'s action" : in.traceSpec().fileName() + "'s added step";
            if (hs.isEmpty()) {
                findings.add(new Finding(spec.source().path(), spec.line(), kind + " " + action
                        + " has no @SpecAction(\"" + action + "\") handler in the Java sources"));
            } else if (hs.size() > 1) {
                findings.add(new Finding(spec.source().path(), spec.line(), kind + " " + action + " has " + hs.size()
                        + " @SpecAction handlers, one expected: " + hs.stream()
                        .map(h -> h.source().path() + ":" + h.line() + " (" + h.className() + "." + h.method() + ")")
                        .collect(Collectors.joining(", "))));
            }
            rows.add(new Row(action, p, t, hs, emissions.getOrDefault(action, List.of()), documented.get(action)));
        }
        Collections.sort(findings);
        return new Outcome(List.copyOf(findings), List.copyOf(rows));
    }

    /**
     * The events FORMAT.md documents, with their lines: the first column of the table under "## Events" whose
     * header row starts with "| action |".
     */
    static Map<String, Integer> documentedEvents(Source format, List<Finding> findings) {
        Map<String, Integer> events = new LinkedHashMap<>();
        String[] lines = format.text().split("\n", -1);
        boolean inSection = false;
        boolean inTable = false;
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            if (line.startsWith("## ")) {
                if (inTable) {
                    break;
                }
                inSection = line.strip().equals("## Events");
            } else if (inSection && line.startsWith("| action |")) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                int end = line.indexOf('`', 3);
                if (end > 3) {
                    events.put(line.substring(3, end), k + 1);
                }
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        if (events.isEmpty()) {
            findings.add(new Finding(format.path(), 1, "no event table (a \"| action |\" table under \"## Events\")"));
        }
        return events;
    }

    private static Map<String, TlaActions.Action> byName(List<TlaActions.Action> actions) {
        Map<String, TlaActions.Action> map = new LinkedHashMap<>();
        actions.forEach(a -> map.put(a.name(), a));
        return map;
    }

    /** "; did you mean X?" for the action within edit distance 2 of {@code name}, or "". */
    private static String closest(String name, Set<String> actions) {
        String best = null;
        int bestDistance = 3;
        for (String a : actions) {
            int d = editDistance(name, a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ------------------------------------------------------------------------------------------------
    // The table.

    /**
     * docs/spec-code-map.md: one row per action, in the spec's order (Next's disjuncts, then the steps TracePBFT.tla
     * adds, in Apply's order); several emission sites in file and line order. Links are relative to docs/. Nothing
     * in it depends on the time, the machine or the order files were listed in, so the same tree gives the same
     * bytes.
     */
    static String markdown(Inputs in, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# Spec-code map\n\n");
        md.append("Generated by `SpecCodeMapTest` (trace-validation, `mvn -o test -pl trace-validation"
                + " -Dtest=SpecCodeMapTest`) from ").append(link(in.protocolSpec(), 0)).append(", ")
                .append(link(in.traceSpec(), 0)).append(", the `@SpecAction` handlers and `TraceEvent`s in `")
                .append(commonFolder(in.java())).append("`, and ").append(link(in.format(), 0))
                .append(". Do not edit it by hand: the build regenerates it and fails while the committed copy is"
                        + " stale.\n\n");
        long protocolCount = rows.stream().filter(r -> r.protocol() != null).count();
        md.append(rows.size()).append(" actions: ").append(protocolCount).append(" of `").append(in.protocolSpec().fileName())
                .append("`'s `").append(NEXT).append("` and ").append(rows.size() - protocolCount).append(" that `")
                .append(in.traceSpec().fileName()).append("` adds for what an implementation also does. A trace event"
                        + " carries its action's name; a dash in that column means no code emits it (only replicas"
                        + " log, clients do not).\n\n");
        md.append("| Spec action | ").append(in.protocolSpec().fileName()).append(" | ").append(in.traceSpec().fileName())
                .append(" | Java handler | Trace event | Paper |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| `").append(r.action()).append("` | ");
            md.append(r.protocol() == null ? "—" : link(r.protocol().source(), r.protocol().line())).append(" | ");
            md.append(r.trace() == null ? "—" : link(r.trace().source(), r.trace().line())).append(" | ");
            md.append(r.handlers().isEmpty() ? "—" : r.handlers().stream()
                    .map(h -> "`" + h.className() + "." + h.method() + "` " + link(h.source(), h.line()))
                    .collect(Collectors.joining("<br>"))).append(" | ");
            if (r.emissions().isEmpty()) {
                md.append("—");
            } else {
                md.append(r.formatLine() == null ? "`" + r.action() + "`"
                        : "[`" + r.action() + "`](" + relative(in.format()) + "#events)");
                md.append(" at ").append(r.emissions().stream().map(e -> link(e.source(), e.line()))
                        .distinct().collect(Collectors.joining(", ")));
            }
            md.append(" | ");
            String papers = r.handlers().stream().map(JavaActions.Handler::paperSections).filter(s -> !s.isEmpty())
                    .distinct().collect(Collectors.joining("; "));
            md.append(papers.isEmpty() ? "—" : papers).append(" |\n");
        }
        return md.toString();
    }

    private static String link(Source source, int line) {
        String text = line > 0 ? source.fileName() + ":" + line : "`" + source.path() + "`";
        return "[" + text + "](" + relative(source) + (line > 0 ? "#L" + line : "") + ")";
    }

    private static String relative(Source source) {
        return "../" + source.path();
    }

    private static String commonFolder(List<Source> sources) {
        if (sources.isEmpty()) {
            return "";
        }
        String prefix = sources.get(0).path();
        for (Source s : sources) {
            while (!s.path().startsWith(prefix)) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
        }
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? "" : prefix.substring(0, slash + 1);
    }

    // ------------------------------------------------------------------------------------------------
    // Keeping the committed copy current.

    /** What {@link #refresh} found. */
    enum Refresh { CURRENT, REWRITTEN }

    /**
     * Writes {@code content} to {@code file} unless the file already holds it (line endings aside, so that a
     * checkout with CRLF conversion is not called stale). Returns whether it had to write.
     */
    static Refresh refresh(Path file, String content) throws IOException {
        if (Files.isRegularFile(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            if (old.equals(content)) {
                return Refresh.CURRENT;
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return Refresh.REWRITTEN;
    }
}
