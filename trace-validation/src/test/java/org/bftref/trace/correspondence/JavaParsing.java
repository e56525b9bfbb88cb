package org.bftref.trace.correspondence;

import java.util.List;
import java.util.Optional;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;

/** Parsing one source for the checks that read a single file ({@link ItfNames}, {@link ReportActions}). */
final class JavaParsing {

    private JavaParsing() {
    }

    /** The compilation unit, or empty with a finding per parse problem (a file the check cannot read fails it). */
    static Optional<CompilationUnit> parse(Source source, List<Finding> findings) {
        ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(source.text());
        if (parsed.isSuccessful() && parsed.getResult().isPresent()) {
            return parsed.getResult();
        }
        int before = findings.size();
        for (Problem p : parsed.getProblems()) {
            int line = p.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(1);
            String message = p.getMessage();
            int nl = message.indexOf('\n');
            findings.add(new Finding(source.path(), line, "does not parse: " + (nl < 0 ? message : message.substring(0, nl))));
        }
        if (findings.size() == before) {
            findings.add(new Finding(source.path(), 1, "does not parse"));
        }
        return Optional.empty();
    }

    static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(1);
    }
}
