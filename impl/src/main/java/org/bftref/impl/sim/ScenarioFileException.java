package org.bftref.impl.sim;

/**
 * A scenario file that cannot be read. The message is one line, {@code file:line: what is wrong}, naming the
 * field where there is one, e.g. {@code bad.json:3: field "n": must be >= 1, was 0}.
 */
public final class ScenarioFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public ScenarioFileException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based; the line that holds the offending field, or the nearest enclosing one. */
    public int line() {
        return line;
    }
}
