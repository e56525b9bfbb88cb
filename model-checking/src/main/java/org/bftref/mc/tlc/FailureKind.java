package org.bftref.mc.tlc;

/**
 * Why a model could not be checked. Each kind has its own exit code of {@code bftref check}, so that a
 * script can tell a broken spec from a machine that is too small.
 */
public enum FailureKind {
    /** The model cannot be run as asked: distributed TLC cannot check the liveness properties it has. */
    UNSUPPORTED(2),
    /** The MC module, the config or a module it EXTENDS/INSTANCEs does not exist. */
    MISSING_FILE(3),
    /** SANY could not parse the spec, or found a semantic error. */
    PARSE(4),
    /** The config does not fit the spec: an undefined constant, invariant or property, a constant left unassigned. */
    CONFIG(5),
    OUT_OF_MEMORY(6),
    /** TLC stopped on an error while checking (evaluation error, assumption false), crashed, or died. */
    TLC_ERROR(7),
    TIMEOUT(8),
    /** Ctrl-C. */
    INTERRUPTED(130);

    private final int exitCode;

    FailureKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The name in reports: out-of-memory, tlc-error, ... */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
