package org.bftref.trace.correspondence;

/**
 * One input file of the correspondence check, in memory: {@code path} is relative to the repository root with
 * '/' separators (it appears in messages and in the links of docs/spec-code-map.md), {@code text} its content.
 * In memory, so that the checker's own tests can feed it small fixtures instead of the real tree.
 */
record Source(String path, String text) {

    /** The file name without its folders, for short link texts. */
    String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
