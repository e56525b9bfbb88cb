package org.bftref.trace.correspondence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The implementation and the specs correspond (see {@link SpecCodeMap} for what that means), checked on the real
 * tree, and docs/spec-code-map.md shows how.
 *
 * <p>The inputs are found from this module's directory (Maven runs tests there; the build also passes
 * {@code bftref.home}, the repository root): ../spec/pbft/PBFT.tla, ../spec/pbft/TracePBFT.tla,
 * ../impl/src/main/java and FORMAT.md; for the two smaller checks, ItfValidator.java and ../report/src/main/java.
 * A missing one fails the test with its path, not with a stack trace.
 *
 * <p>Keeping the table current: the test renders the table and compares it with docs/spec-code-map.md. If they
 * differ it rewrites the file and fails ("... was stale and has been regenerated; commit it"). So one mechanism
 * does both jobs. Locally, the build regenerates the file, and the failure says to commit it; the next run passes.
 * In CI, which builds a clean clone, a stale committed file can only fail, because the rewrite happens in the
 * throwaway clone. Line numbers are in the table, so an edit that moves a handler or an action makes the
 * committed copy stale as well. The alternative of writing to target/ and never failing would leave a stale
 * committed table unnoticed; failing without writing would make every reader regenerate it by hand.
 */
class SpecCodeMapTest {

    private static final String MAP = "docs/spec-code-map.md";
    private static final String ITF_VALIDATOR =
            "trace-validation/src/main/java/org/bftref/trace/validate/ItfValidator.java";

    @Test
    void everySpecActionHasOneHandlerAndEveryTracedNameIsADocumentedAction() throws IOException {
        Path root = root();
        SpecCodeMap.Inputs in = inputs(root);
        SpecCodeMap.Outcome outcome = SpecCodeMap.check(in);
        if (!outcome.findings().isEmpty()) {
            fail("the code and the specs do not correspond (" + outcome.findings().size() + "):\n"
                    + outcome.findings().stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }
        // What the check found must be the real tree, not nothing: the rows come from the files.
        assertTrue(outcome.rows().size() >= 2, "no actions read from " + in.protocolSpec().path());
        assertTrue(outcome.rows().stream().anyMatch(r -> !r.emissions().isEmpty()),
                "no trace event found in " + in.java().size() + " Java files");

        String table = SpecCodeMap.markdown(in, outcome.rows());
        if (SpecCodeMap.refresh(root.resolve(MAP), table) == SpecCodeMap.Refresh.REWRITTEN) {
            fail(MAP + " was stale and has been regenerated; commit it (" + root.resolve(MAP).normalize() + ")");
        }
        assertEquals(table, Files.readString(root.resolve(MAP), StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /** ItfValidator's lists of PBFT.tla's constants and variables are PBFT.tla's (see {@link ItfNames}). */
    @Test
    void itfValidatorListsExactlyPbftsConstantsAndVariables() throws IOException {
        Path root = root();
        Source spec = source(root, need(root, "spec/pbft/PBFT.tla", false));
        Source validator = source(root, need(root, ITF_VALIDATOR, false));
        List<Finding> findings = ItfNames.check(spec, validator);
        if (!findings.isEmpty()) {
            fail("ItfValidator and PBFT.tla do not correspond (" + findings.size() + "):\n"
                    + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }
        // The check compared real lists, not nothing.
        TlaDeclarations.Result declared = TlaDeclarations.read(spec);
        assertTrue(declared.constants().size() >= 2 && declared.variables().size() >= 2, declared.toString());
    }

    /** The action names the report compares with are actions of the specs (see {@link ReportActions}). */
    @Test
    void reportNamesOnlyActionsOfTheSpecs() throws IOException {
        Path root = root();
        Path reportRoot = need(root, "report/src/main/java", true);
        List<Source> report = new ArrayList<>();
        try (Stream<Path> files = Files.walk(reportRoot)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                report.add(source(root, f));
            }
        }
        ReportActions.Result result = ReportActions.check(source(root, need(root, "spec/pbft/PBFT.tla", false)),
                source(root, need(root, "spec/pbft/TracePBFT.tla", false)), report);
        if (!result.findings().isEmpty()) {
            fail("the report and the specs do not correspond (" + result.findings().size() + "):\n"
                    + result.findings().stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }
        for (String file : ReportActions.FILES.keySet()) {
            assertTrue(result.uses().stream().anyMatch(u -> u.source().fileName().equals(file)),
                    "no action name read from " + file);
        }
    }

    static Path root() {
        return Path.of(System.getProperty("bftref.home", "..")).toAbsolutePath().normalize();
    }

    static SpecCodeMap.Inputs inputs(Path root) throws IOException {
        Path javaRoot = need(root, "impl/src/main/java", true);
        List<Source> java = new ArrayList<>();
        try (Stream<Path> files = Files.walk(javaRoot)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                java.add(source(root, f));
            }
        }
        if (java.isEmpty()) {
            fail("no .java files under " + javaRoot);
        }
        return new SpecCodeMap.Inputs(source(root, need(root, "spec/pbft/PBFT.tla", false)),
                source(root, need(root, "spec/pbft/TracePBFT.tla", false)),
                source(root, need(root, "trace-validation/FORMAT.md", false)), List.copyOf(java));
    }

    private static Path need(Path root, String relative, boolean folder) {
        Path p = root.resolve(relative);
        if (folder ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            fail("code-spec correspondence: " + relative + " is missing (looked for " + p + "); run the test from"
                    + " the trace-validation module of a full checkout, or set -Dbftref.home to the repository root");
        }
        return p;
    }

    private static Source source(Path root, Path file) throws IOException {
        String path = root.relativize(file).toString().replace('\\', '/');
        return new Source(path, Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
