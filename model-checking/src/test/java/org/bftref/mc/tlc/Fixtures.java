package org.bftref.mc.tlc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The fixture repository under src/test/resources/fixtures: spec/ (the library) and models/ (MC modules, configs). */
public final class Fixtures {

    public static final Path ROOT = Path.of("src/test/resources/fixtures").toAbsolutePath();

    private Fixtures() {
    }

    public static Workspace workspace(Path target) {
        return new Workspace(ROOT, Path.of("spec"), Path.of("models"), target);
    }

    /** One worker, so that counterexamples are always the shortest; a small heap, so tests stay light. */
    public static ModelRun run(String module, String config, String... tlcArgs) {
        return new ModelRun(config.replace(".cfg", ""), module, config, 1, "256m", List.of(tlcArgs),
                Duration.ofMinutes(2), 0);
    }

    /** A copy of the fixture repository with its target/ inside, so that reports show repository-relative paths. */
    public static Workspace copyTo(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(ROOT)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = dir.resolve(ROOT.relativize(source).toString());
                if (java.nio.file.Files.isDirectory(source)) {
                    java.nio.file.Files.createDirectories(copy);
                } else {
                    java.nio.file.Files.copy(source, copy);
                }
            }
        }
        return new Workspace(dir, Path.of("spec"), Path.of("models"), Path.of("target"));
    }

    public static ModelRun withHeap(ModelRun run, String heap) {
        return new ModelRun(run.name(), run.module(), run.config(), run.workers(), heap, run.tlcArgs(), run.timeout(),
                run.distWorkers());
    }
}
