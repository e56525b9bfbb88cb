package org.bftref.trace.correspondence;

/**
 * One thing the correspondence check rejects, at a place a reader can open: {@code path:line: message}.
 */
record Finding(String path, int line, String message) implements Comparable<Finding> {

    @Override
    public int compareTo(Finding o) {
        int c = path.compareTo(o.path);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return path + ":" + line + ": " + message;
    }
}
