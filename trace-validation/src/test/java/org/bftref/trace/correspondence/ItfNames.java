package org.bftref.trace.correspondence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;

/**
 * The ITF validator's copy of PBFT.tla's names, against PBFT.tla. {@code ItfValidator} lists PBFT.tla's constants
 * and variables by hand ({@code CONSTANTS}, {@code VARIABLES}): it checks an ITF file's {@code vars} and
 * {@code params} against them, reads exactly those variables from every state, and writes exactly those constants
 * for TLC. If PBFT.tla gains, loses or renames one and the lists do not follow, ITF input goes out of step with the
 * spec without a word until TLC fails on it; so the check rejects, each at a file:line:
 * <ol>
 *   <li>a name in a list that PBFT.tla does not declare as such (at the list's literal);</li>
 *   <li>a name PBFT.tla declares that the list lacks (at PBFT.tla's declaration);</li>
 *   <li>a name listed twice;</li>
 *   <li>a constant looked up by name ({@code given.get("N")}, which checks the constants' types) that PBFT.tla does
 *       not declare: the lookup would find nothing;</li>
 *   <li>a list the check cannot read (not {@code List.of("...", ...)}), rather than a silent pass.</li>
 * </ol>
 */
final class ItfNames {

    /** The fields of ItfValidator that copy PBFT.tla's declarations. */
    static final String CONSTANTS = "CONSTANTS";
    static final String VARIABLES = "VARIABLES";
    /** The map ItfValidator keeps the resolved constants in, looked up by name. */
    private static final String LOOKUP = "given";

    /** A list field: the line of its declaration, and its names (null when it could not be read). */
    private record Listed(int line, List<TlaDeclarations.Declared> names) {
    }

    private ItfNames() {
    }

    static List<Finding> check(Source protocolSpec, Source itfValidator) {
        List<Finding> findings = new ArrayList<>();
        TlaDeclarations.Result declared = TlaDeclarations.read(protocolSpec);
        findings.addAll(declared.problems());
        Optional<CompilationUnit> cu = JavaParsing.parse(itfValidator, findings);
        if (cu.isEmpty()) {
            return sorted(findings);
        }
        String spec = protocolSpec.fileName();
        compare(CONSTANTS, "constant", declared.constants(), list(cu.get(), itfValidator, CONSTANTS, findings),
                protocolSpec, itfValidator, findings);
        compare(VARIABLES, "variable", declared.variables(), list(cu.get(), itfValidator, VARIABLES, findings),
                protocolSpec, itfValidator, findings);
        Map<String, Integer> constants = byName(declared.constants());
        for (MethodCallExpr call : cu.get().findAll(MethodCallExpr.class)) {
            if (call.getNameAsString().equals("get") && call.getArguments().size() == 1
                    && call.getScope().filter(s -> s instanceof NameExpr n && n.getNameAsString().equals(LOOKUP)).isPresent()
                    && call.getArgument(0) instanceof StringLiteralExpr s && !constants.containsKey(s.getValue())) {
                findings.add(new Finding(itfValidator.path(), JavaParsing.line(s), LOOKUP + ".get(\"" + s.getValue()
                        + "\") looks up a constant that " + spec + " does not declare (its constants: "
                        + String.join(", ", constants.keySet()) + ")"));
            }
        }
        return sorted(findings);
    }

    /** The string literals of {@code List.of(...)} that initialize the field {@code field}, with their lines. */
    private static Listed list(CompilationUnit cu, Source source, String field,
                                                       List<Finding> findings) {
        Optional<VariableDeclarator> variable = cu.findAll(VariableDeclarator.class).stream()
                .filter(v -> v.getNameAsString().equals(field)).findFirst();
        if (variable.isEmpty()) {
            findings.add(new Finding(source.path(), 1, "no field " + field + " (the list of PBFT.tla's "
                    + field.toLowerCase() + " this check compares with the spec)"));
            return new Listed(1, null);
        }
        Expression init = variable.get().getInitializer().orElse(null);
        List<TlaDeclarations.Declared> names = new ArrayList<>();
        if (init instanceof MethodCallExpr call && call.getNameAsString().equals("of")
                && call.getScope().filter(s -> s.toString().equals("List")).isPresent()) {
            for (Expression a : call.getArguments()) {
                if (!(a instanceof StringLiteralExpr s)) {
                    names = null;
                    break;
                }
                names.add(new TlaDeclarations.Declared(s.getValue(), JavaParsing.line(s)));
            }
        } else {
            names = null;
        }
        if (names == null) {
            findings.add(new Finding(source.path(), JavaParsing.line(variable.get()), field
                    + " is not List.of(\"...\", ...) with string literals, so it cannot be compared with the spec"));
        }
        return new Listed(JavaParsing.line(variable.get()), names);
    }

    private static void compare(String field, String kind, List<TlaDeclarations.Declared> declared,
                                Listed listed, Source spec, Source java, List<Finding> findings) {
        if (listed.names() == null) {
            return; // already a finding: the list could not be read
        }
        String owner = java.fileName().replace(".java", "") + "." + field;
        Map<String, Integer> specNames = byName(declared);
        Map<String, Integer> javaNames = new LinkedHashMap<>();
        for (TlaDeclarations.Declared d : listed.names()) {
            if (javaNames.putIfAbsent(d.name(), d.line()) != null) {
                findings.add(new Finding(java.path(), d.line(), owner + " lists \"" + d.name() + "\" twice"));
            } else if (!specNames.containsKey(d.name())) {
                findings.add(new Finding(java.path(), d.line(), owner + " lists \"" + d.name() + "\", which "
                        + spec.fileName() + " does not declare as a " + kind + " (it declares "
                        + (specNames.isEmpty() ? "none" : String.join(", ", specNames.keySet())) + ")"));
            }
        }
        for (TlaDeclarations.Declared d : declared) {
            if (!javaNames.containsKey(d.name())) {
                findings.add(new Finding(spec.path(), d.line(), "the " + kind + " " + d.name() + " is missing from "
                        + owner + " (" + java.fileName() + ":" + listed.line()
                        + "): ITF traces would be read without it"));
            }
        }
    }

    private static Map<String, Integer> byName(List<TlaDeclarations.Declared> declared) {
        Map<String, Integer> out = new LinkedHashMap<>();
        declared.forEach(d -> out.putIfAbsent(d.name(), d.line()));
        return out;
    }

    private static List<Finding> sorted(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(null);
        return out;
    }
}
