package org.bftref.trace.correspondence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;

/**
 * The Java side of the correspondence, read with javaparser (syntax only, no type solving):
 *
 * <ul>
 *   <li>Handlers: every method annotated {@code @SpecAction("Name")} (simple or qualified annotation name; the value
 *       must be a string literal, so that this check and a reader see the same name).</li>
 *   <li>Emissions: every trace event name the tracer can emit. The core emits a trace event only by constructing a
 *       {@code TraceEvent(action, replica, params)}; for each construction the first argument is followed back to
 *       string literals. A literal is the name. A conditional gives both branches. A final String field or local
 *       with an initializer gives its initializer. A parameter of the enclosing method or constructor gives the
 *       argument at that position at every call of that name and arity: within the same file if the method or a
 *       type around it is private, else in every parsed file (an over-approximation: it can only add names, so it
 *       can make the check stricter, never let a wrong name through). Anything else (a method call, a lambda
 *       parameter, a method reference to the carrying method) is reported as a finding instead of being guessed.
 *       In this project that path is {@code Replica.Step.trace(String action, ...)}, called with one literal per
 *       handler.</li>
 * </ul>
 */
final class JavaActions {

    /** A method annotated {@code @SpecAction(action)}; {@code line} is the annotation's. */
    record Handler(String action, Source source, int line, String className, String method, String paperSections) {
    }

    /**
     * A name the tracer can emit: the string literal at {@code source:line}, which reaches the {@code TraceEvent}
     * constructed at {@code origin}. {@code inHandler} is the action of the {@code @SpecAction} method that chose the
     * name: the one nearest the literal on the path from the construction back to it (for
     * {@code step.trace(CONSTANT)} inside a handler, that handler), or null.
     */
    record Emission(String action, Source source, int line, String origin, String inHandler) {
    }

    record Result(List<Handler> handlers, List<Emission> emissions, List<Finding> problems) {
    }

    private static final String ANNOTATION = "SpecAction";
    private static final String EVENT_TYPE = "TraceEvent";
    /** Deep enough for any sane call chain, small enough to stop a cycle the visited set somehow misses. */
    private static final int MAX_DEPTH = 16;
    private static final Pattern SECTION = Pattern.compile(
            "(?i)\\b(OSDI\\s+|Castro's thesis,\\s+)?sections?\\s+(\\d+(?:\\.\\d+)*(?:(?:\\s*,\\s*|\\s+and\\s+)\\d+(?:\\.\\d+)*)*)");

    private final Map<CompilationUnit, Source> units = new IdentityHashMap<>();
    private final List<CompilationUnit> order = new ArrayList<>();
    private final List<Finding> problems = new ArrayList<>();

    private JavaActions() {
    }

    static Result scan(List<Source> sources) {
        JavaActions scan = new JavaActions();
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        for (Source source : sources) {
            ParseResult<CompilationUnit> parsed = parser.parse(source.text());
            if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
                for (Problem p : parsed.getProblems()) {
                    int line = p.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(1);
                    scan.problems.add(new Finding(source.path(), line, "does not parse: " + firstLine(p.getMessage())));
                }
                continue;
            }
            scan.units.put(parsed.getResult().get(), source);
            scan.order.add(parsed.getResult().get());
        }
        List<Handler> handlers = new ArrayList<>();
        List<Emission> emissions = new ArrayList<>();
        for (CompilationUnit cu : scan.order) {
            for (MethodDeclaration m : cu.findAll(MethodDeclaration.class)) {
                for (AnnotationExpr a : m.getAnnotations()) {
                    if (a.getName().getIdentifier().equals(ANNOTATION)) {
                        scan.handler(m, a).ifPresent(handlers::add);
                    }
                }
            }
            for (ObjectCreationExpr create : cu.findAll(ObjectCreationExpr.class)) {
                if (!create.getType().getNameAsString().equals(EVENT_TYPE)) {
                    continue;
                }
                String origin = scan.units.get(cu).fileName() + ":" + line(create);
                if (create.getArguments().isEmpty()) {
                    scan.problem(create, "new " + EVENT_TYPE + "() without an action argument");
                    continue;
                }
                emissions.addAll(scan.resolve(create.getArgument(0), origin, 0, new HashSet<>(), null));
            }
        }
        handlers.sort(Comparator.comparing((Handler h) -> h.source().path()).thenComparingInt(Handler::line));
        emissions.sort(Comparator.comparing((Emission e) -> e.source().path()).thenComparingInt(Emission::line)
                .thenComparing(Emission::action).thenComparing(Emission::origin));
        List<Emission> distinct = new ArrayList<>();
        for (Emission e : emissions) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(e)) {
                distinct.add(e);
            }
        }
        return new Result(List.copyOf(handlers), List.copyOf(distinct), List.copyOf(scan.problems));
    }

    private Optional<Handler> handler(MethodDeclaration m, AnnotationExpr a) {
        Expression value = null;
        if (a instanceof SingleMemberAnnotationExpr single) {
            value = single.getMemberValue();
        } else if (a instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals("value")) {
                    value = pair.getValue();
                }
            }
        }
        if (!(value instanceof StringLiteralExpr literal)) {
            problem(a, "@" + ANNOTATION + " on " + m.getNameAsString() + " must name its action with a string literal");
            return Optional.empty();
        }
        String sections = m.getComment().map(JavaActions::paperSections).orElse("");
        return Optional.of(new Handler(literal.asString(), sourceOf(m), line(a), className(m), m.getNameAsString(),
                sections));
    }

    /** The names {@code e} can evaluate to, each at the literal that spells it. */
    private List<Emission> resolve(Expression e, String origin, int depth, Set<String> visiting, String handler) {
        String around = enclosingHandler(e);
        if (around != null) {
            handler = around; // the handler nearest the name's spelling along the path: where the name is chosen
        }
        if (depth > MAX_DEPTH) {
            problem(e, "the action name of the trace event at " + origin + " passes through more than " + MAX_DEPTH
                    + " calls; the check stops following it here");
            return List.of();
        }
        if (e instanceof StringLiteralExpr literal) {
            return List.of(new Emission(literal.asString(), sourceOf(e), line(e), origin, handler));
        }
        if (e instanceof EnclosedExpr enclosed) {
            return resolve(enclosed.getInner(), origin, depth + 1, visiting, handler);
        }
        if (e instanceof ConditionalExpr conditional) {
            List<Emission> both = new ArrayList<>(resolve(conditional.getThenExpr(), origin, depth + 1, visiting, handler));
            both.addAll(resolve(conditional.getElseExpr(), origin, depth + 1, visiting, handler));
            return both;
        }
        if (e instanceof NameExpr name) {
            return resolveName(name, origin, depth, visiting, handler);
        }
        if (e instanceof FieldAccessExpr access) {
            Expression scope = access.getScope();
            String typeName = scope instanceof NameExpr n ? n.getNameAsString()
                    : scope instanceof FieldAccessExpr f ? f.getNameAsString() : null;
            if (typeName != null) {
                for (CompilationUnit cu : order) {
                    for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
                        if (type.getNameAsString().equals(typeName)) {
                            Optional<Expression> init = constantInitializer(type, access.getNameAsString());
                            if (init.isPresent()) {
                                return resolve(init.get(), origin, depth + 1, visiting, handler);
                            }
                        }
                    }
                }
            }
        }
        return unresolved(e, origin);
    }

    private List<Emission> resolveName(NameExpr name, String origin, int depth, Set<String> visiting,
                                       String handler) {
        String id = name.getNameAsString();
        Optional<LambdaExpr> lambda = name.findAncestor(LambdaExpr.class);
        if (lambda.isPresent() && lambda.get().getParameters().stream().anyMatch(p -> p.getNameAsString().equals(id))) {
            return unresolved(name, origin);
        }
        @SuppressWarnings("unchecked")
        Optional<CallableDeclaration<?>> callable = name.findAncestor(CallableDeclaration.class).map(c -> c);
        if (callable.isPresent()) {
            CallableDeclaration<?> c = callable.get();
            List<Parameter> params = c.getParameters();
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).getNameAsString().equals(id)) {
                    return resolveParameter(c, i, origin, depth, visiting, handler);
                }
            }
            List<VariableDeclarator> locals = c.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(id)
                    && v.getParentNode().filter(p -> !(p instanceof FieldDeclaration)).isPresent());
            boolean assigned = !c.findAll(AssignExpr.class, a -> a.getTarget() instanceof NameExpr t
                    && t.getNameAsString().equals(id)).isEmpty();
            if (locals.size() == 1 && locals.get(0).getInitializer().isPresent() && !assigned) {
                return resolve(locals.get(0).getInitializer().get(), origin, depth + 1, visiting, handler);
            }
            if (!locals.isEmpty()) {
                return unresolved(name, origin);
            }
        }
        for (Node n = name.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> type) {
                Optional<Expression> init = constantInitializer(type, id);
                if (init.isPresent()) {
                    return resolve(init.get(), origin, depth + 1, visiting, handler);
                }
            }
        }
        return unresolved(name, origin);
    }

    /** The arguments at position {@code index} of every call of {@code c}. */
    private List<Emission> resolveParameter(CallableDeclaration<?> c, int index, String origin, int depth,
                                            Set<String> visiting, String handler) {
        String key = sourceOf(c).path() + ":" + line(c) + "#" + index;
        if (!visiting.add(key)) {
            return List.of(); // a recursive call passes the name on: its callers give the names
        }
        Parameter param = c.getParameter(index);
        if (param.isVarArgs()) {
            problem(param, "the action name of the trace event at " + origin + " comes from a varargs parameter,"
                    + " which the check does not follow");
            return List.of();
        }
        int arity = c.getParameters().size();
        boolean varargs = c.getParameters().get(arity - 1).isVarArgs();
        boolean local = c.isPrivate() || enclosingTypes(c).stream().anyMatch(t -> t.isPrivate());
        List<CompilationUnit> scope = local ? List.of(c.findCompilationUnit().orElseThrow()) : order;
        String name = c.getNameAsString();
        List<Emission> names = new ArrayList<>();
        for (CompilationUnit cu : scope) {
            List<List<Expression>> calls = new ArrayList<>();
            if (c instanceof MethodDeclaration) {
                for (MethodCallExpr call : cu.findAll(MethodCallExpr.class, m -> m.getNameAsString().equals(name))) {
                    calls.add(call.getArguments());
                }
                for (MethodReferenceExpr ref : cu.findAll(MethodReferenceExpr.class,
                        r -> r.getIdentifier().equals(name))) {
                    problem(ref, "the method that carries the action name of the trace event at " + origin
                            + " is passed as a method reference; the check cannot see its arguments");
                }
            } else if (c instanceof ConstructorDeclaration) {
                for (ObjectCreationExpr call : cu.findAll(ObjectCreationExpr.class,
                        o -> o.getType().getNameAsString().equals(name))) {
                    calls.add(call.getArguments());
                }
            }
            for (List<Expression> args : calls) {
                boolean fits = varargs ? args.size() >= arity - 1 : args.size() == arity;
                if (fits && index < args.size()) {
                    names.addAll(resolve(args.get(index), origin, depth + 1, visiting, handler));
                }
            }
        }
        visiting.remove(key);
        return names;
    }

    private static Optional<Expression> constantInitializer(TypeDeclaration<?> type, String field) {
        for (FieldDeclaration f : type.getFields()) {
            for (VariableDeclarator v : f.getVariables()) {
                if (v.getNameAsString().equals(field) && f.isFinal() && v.getInitializer().isPresent()) {
                    return v.getInitializer();
                }
            }
        }
        return Optional.empty();
    }

    private List<Emission> unresolved(Expression e, String origin) {
        problem(e, "cannot tell which action name the trace event at " + origin + " carries: `" + e
                + "` is not a string literal, a final String constant, or a parameter that every call fills with one");
        return List.of();
    }

    /** The action of the {@code @SpecAction} method around {@code node}, or null. */
    private static String enclosingHandler(Node node) {
        Optional<MethodDeclaration> m = node.findAncestor(MethodDeclaration.class);
        if (m.isEmpty()) {
            return null;
        }
        for (AnnotationExpr a : m.get().getAnnotations()) {
            if (a.getName().getIdentifier().equals(ANNOTATION) && a instanceof SingleMemberAnnotationExpr s
                    && s.getMemberValue() instanceof StringLiteralExpr literal) {
                return literal.asString();
            }
        }
        return null;
    }

    /**
     * The paper sections a handler's comment names, e.g. "OSDI §4.2, 4.1" for "OSDI section 4.2 and 4.1" or
     * "Castro's thesis §5.3.2"; "" if it names none.
     */
    static String paperSections(Comment comment) {
        String text = comment.getContent().replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ");
        List<String> found = new ArrayList<>();
        Matcher m = SECTION.matcher(text);
        while (m.find()) {
            String where = m.group(1) == null ? "" : m.group(1).strip().replaceAll(",$", "") + " ";
            String numbers = m.group(2).replaceAll("\\s*,\\s*|\\s+and\\s+", ", ");
            String s = where + "§" + numbers;
            if (!found.contains(s)) {
                found.add(s);
            }
        }
        return String.join("; ", found);
    }

    private static List<TypeDeclaration<?>> enclosingTypes(Node node) {
        List<TypeDeclaration<?>> types = new ArrayList<>();
        for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> t) {
                types.add(0, t);
            }
        }
        return types;
    }

    private static String className(Node node) {
        List<String> names = new ArrayList<>();
        for (TypeDeclaration<?> t : enclosingTypes(node)) {
            names.add(t.getNameAsString());
        }
        return String.join(".", names);
    }

    private Source sourceOf(Node node) {
        return units.get(node.findCompilationUnit().orElseThrow());
    }

    private void problem(Node node, String message) {
        problems.add(new Finding(sourceOf(node).path(), line(node), message));
    }

    private static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(1);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
