package org.bftref.trace.correspondence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;

/**
 * The report module's action names, against the specs. The report draws some steps its own way (a divider before a
 * view change, arrows for each message a trace event sends), choosing them by comparing an action name with a
 * string: {@code switch (line.action()) { case "SendPrepare": ... }} or {@code step.action().equals("SendNewView")}.
 * A name the specs no longer have would make that branch dead without a word, and the diagram would quietly lose
 * what it drew; so the check reads those strings (javaparser, syntax only) and rejects, each at a file:line:
 * <ol>
 *   <li>a name that is not an action of the spec the compared value comes from ({@link #FILES}: trace events are
 *       the arms of TracePBFT.tla's {@code Apply}, counterexample steps the disjuncts of PBFT.tla's {@code Next});</li>
 *   <li>a comparison with something the check cannot follow to a string literal (not a literal, not a constant
 *       initialized with one, not another {@code .action()});</li>
 *   <li>a file that compares action names but is not in {@link #FILES} (which spec would it be checked against?),
 *       and a file in {@link #FILES} where no comparison is found (the shape changed and the check would pass on
 *       nothing);</li>
 *   <li>for the files in {@link #EVERY_ACTION}, an action of the spec with no {@code case} in the switch on the
 *       action: the diagram would draw that event as a bare note.</li>
 * </ol>
 */
final class ReportActions {

    /** Where the action names a file compares come from. */
    enum Kind {
        TRACE_EVENT("a trace event"), PROTOCOL_STEP("a counterexample step");

        final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    /** The report's files that compare action names, by file name, with the kind of name each compares. */
    static final Map<String, Kind> FILES = Map.of(
            "TraceDiagrams.java", Kind.TRACE_EVENT,
            "CounterexampleDiagrams.java", Kind.PROTOCOL_STEP,
            "HtmlReport.java", Kind.TRACE_EVENT);

    /** Files whose switch on the action draws each action its own way, so it must have a case for every one. */
    static final Set<String> EVERY_ACTION = Set.of("TraceDiagrams.java");

    /** A name compared with an action: where the string is written. */
    record Use(String action, Source source, int line) {
    }

    record Result(List<Use> uses, List<Finding> findings) {
    }

    private ReportActions() {
    }

    static Result check(Source protocolSpec, Source traceSpec, List<Source> report) {
        List<Finding> findings = new ArrayList<>();
        TlaActions.Result protocol = TlaActions.nextDisjuncts(protocolSpec, SpecCodeMap.NEXT);
        TlaActions.Result trace = TlaActions.dispatchedActions(traceSpec, SpecCodeMap.DISPATCH);
        findings.addAll(protocol.problems());
        findings.addAll(trace.problems());
        Map<Kind, Set<String>> actions = Map.of(
                Kind.TRACE_EVENT, names(trace.actions()),
                Kind.PROTOCOL_STEP, names(protocol.actions()));
        Map<Kind, String> from = Map.of(
                Kind.TRACE_EVENT, traceSpec.fileName() + "'s " + SpecCodeMap.DISPATCH,
                Kind.PROTOCOL_STEP, protocolSpec.fileName() + "'s " + SpecCodeMap.NEXT);

        List<Use> uses = new ArrayList<>();
        for (Source source : report) {
            Optional<CompilationUnit> cu = JavaParsing.parse(source, findings);
            if (cu.isEmpty()) {
                continue;
            }
            List<Use> here = new ArrayList<>();
            Map<Integer, Set<String>> switches = new LinkedHashMap<>(); // line of each switch on .action() -> its cases
            scan(cu.get(), source, here, switches, findings);
            uses.addAll(here);
            Kind kind = FILES.get(source.fileName());
            if (kind == null) {
                if (!here.isEmpty()) {
                    findings.add(new Finding(source.path(), here.get(0).line(), "compares an action with \""
                            + here.get(0).action() + "\", but ReportActions.FILES does not say whether this file's"
                            + " actions are trace events or counterexample steps; add it"));
                }
                continue;
            }
            if (here.isEmpty()) {
                findings.add(new Finding(source.path(), 1, "no action name compared with .action() found; if "
                        + source.fileName() + " no longer names actions, remove it from ReportActions.FILES"));
            }
            Set<String> known = actions.get(kind);
            for (Use u : here) {
                if (!known.contains(u.action())) {
                    findings.add(new Finding(source.path(), u.line(), "\"" + u.action() + "\" is not " + kind.what
                            + ": " + from.get(kind) + " has no such action" + closest(u.action(), known)));
                }
            }
            if (EVERY_ACTION.contains(source.fileName())) {
                if (switches.isEmpty()) {
                    findings.add(new Finding(source.path(), 1, "no switch on .action() found, which "
                            + "ReportActions.EVERY_ACTION expects here"));
                }
                for (Map.Entry<Integer, Set<String>> s : switches.entrySet()) {
                    for (String action : known) {
                        if (!s.getValue().contains(action)) {
                            findings.add(new Finding(source.path(), s.getKey(), "the switch on the action has no case"
                                    + " for " + action + ", an action of " + from.get(kind) + ": it would be drawn as a"
                                    + " bare note"));
                        }
                    }
                }
            }
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(null);
        return new Result(List.copyOf(uses), sorted);
    }

    private static void scan(CompilationUnit cu, Source source, List<Use> uses, Map<Integer, Set<String>> switches,
                             List<Finding> findings) {
        List<Node> nodes = new ArrayList<>();
        nodes.addAll(cu.findAll(SwitchStmt.class));
        nodes.addAll(cu.findAll(SwitchExpr.class));
        nodes.addAll(cu.findAll(MethodCallExpr.class));
        nodes.sort((a, b) -> Integer.compare(JavaParsing.line(a), JavaParsing.line(b)));
        for (Node node : nodes) {
            if (node instanceof SwitchStmt s && isAction(s.getSelector())) {
                switches.put(JavaParsing.line(s), cases(s.getEntries(), cu, source, uses, findings));
            } else if (node instanceof SwitchExpr s && isAction(s.getSelector())) {
                switches.put(JavaParsing.line(s), cases(s.getEntries(), cu, source, uses, findings));
            } else if (node instanceof MethodCallExpr call && call.getNameAsString().equals("equals")) {
                // a.equals(b) compares its scope and its argument; Objects.equals(a, b) its two arguments.
                List<Expression> operands = new ArrayList<>(call.getArguments());
                if (operands.size() == 1) {
                    call.getScope().ifPresent(operands::add);
                }
                if (operands.stream().anyMatch(ReportActions::isAction)) {
                    for (Expression other : operands) {
                        if (!isAction(other)) { // another .action(): two actions compared, no name written
                            name(other, cu, source, uses, findings);
                        }
                    }
                }
            }
        }
    }

    private static Set<String> cases(List<SwitchEntry> entries, CompilationUnit cu, Source source, List<Use> uses,
                                     List<Finding> findings) {
        Set<String> out = new LinkedHashSet<>();
        for (SwitchEntry entry : entries) {
            for (Expression label : entry.getLabels()) {
                name(label, cu, source, uses, findings).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The string an expression compared with an action stands for, recorded as a use; or a finding. */
    private static Optional<String> name(Expression e, CompilationUnit cu, Source source, List<Use> uses,
                                         List<Finding> findings) {
        StringLiteralExpr literal = null;
        if (e instanceof StringLiteralExpr s) {
            literal = s;
        } else if (e instanceof NameExpr n) {
            // A constant: followed to its initializer when that is a literal (syntax only: any declarator of the name).
            literal = cu.findAll(VariableDeclarator.class).stream()
                    .filter(v -> v.getNameAsString().equals(n.getNameAsString()))
                    .map(v -> v.getInitializer().orElse(null))
                    .filter(i -> i instanceof StringLiteralExpr)
                    .map(i -> (StringLiteralExpr) i)
                    .findFirst().orElse(null);
        }
        if (literal == null) {
            findings.add(new Finding(source.path(), JavaParsing.line(e), "cannot tell which action name `" + e
                    + "` stands for (compared with .action()): not a string literal or a constant initialized with one"));
            return Optional.empty();
        }
        uses.add(new Use(literal.getValue(), source, JavaParsing.line(literal)));
        return Optional.of(literal.getValue());
    }

    /** {@code x.action()}: how the report reads the action of a trace line, a counterexample step or a verdict. */
    private static boolean isAction(Expression e) {
        return e instanceof MethodCallExpr m && m.getNameAsString().equals("action") && m.getArguments().isEmpty()
                && m.getScope().isPresent();
    }

    private static Set<String> names(List<TlaActions.Action> actions) {
        Set<String> out = new LinkedHashSet<>();
        actions.forEach(a -> out.add(a.name()));
        return out;
    }

    private static String closest(String name, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String a : known) {
            int d = SpecCodeMap.editDistance(name, a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }
}
