package org.bftref.mc.suite;

import java.nio.file.Path;

import org.bftref.mc.manifest.Manifest;
import org.bftref.mc.tlc.TlcRunner;
import org.bftref.mc.tlc.Workspace;

/** The repository's own models (model-checking/manifest.json), for tests that run them through TLC. */
public final class RepositoryModels {

    public static final Workspace REPOSITORY =
            Workspace.ofRepository(Path.of(System.getProperty("bftref.home", "..")));
    public static final TlcRunner RUNNER = new TlcRunner(REPOSITORY);

    private RepositoryModels() {
    }

    /** The real manifest; a missing or invalid one throws, so tests built on it fail instead of skipping. */
    public static Manifest manifest() throws Exception {
        return Manifest.load(REPOSITORY.manifest(), REPOSITORY.display(REPOSITORY.manifest()));
    }
}
