package org.bftref.mc.tlc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where things are: the repository root (every path in reports and messages is relative to it), the spec
 * library, the directory of the MC modules and configs (TLC's working directory), and the output directory.
 */
public record Workspace(Path root, Path specDir, Path modelsDir, Path targetDir) {

    public Workspace {
        root = root.toAbsolutePath().normalize();
        specDir = root.resolve(specDir).normalize();
        modelsDir = root.resolve(modelsDir).normalize();
        targetDir = root.resolve(targetDir).normalize();
    }

    /** The repository layout: spec/, model-checking/, target/. */
    public static Workspace ofRepository(Path root) {
        return new Workspace(root, Path.of("spec"), Path.of("model-checking"), Path.of("target"));
    }

    public Path manifest() {
        return modelsDir.resolve("manifest.json");
    }

    /** Every directory under spec/ that holds a .tla file: TLC's library path, so any MC module can EXTENDS any spec. */
    public List<Path> libraryDirs() {
        if (!Files.isDirectory(specDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(specDir)) {
            return files.filter(p -> p.toString().endsWith(".tla") && Files.isRegularFile(p))
                    .map(Path::getParent).distinct().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String libraryPath() {
        return libraryDirs().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** A path as shown to people: relative to the root when it is under it. */
    public String display(Path path) {
        Path absolute = modelsDir.resolve(path).toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString().replace(File.separatorChar, '/')
                : absolute.toString();
    }

    public String display(String path) {
        return display(Path.of(path));
    }
}
