package org.bftref.trace.format;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event line as read: where it came from and the whole JSON object (validated against the schema's event
 * definition and the reader's further checks).
 *
 * @param file    the file it was read from (as given to {@link TraceReader})
 * @param line    its 1-based line number in that file (the header is line 1, so events start at 2)
 * @param action  the {@code action} field, one of the 11 actions of FORMAT.md
 * @param replica the {@code replica} field: an honest replica id below n
 * @param lc      the Lamport clock, or null when the event has none (allowed only when one file is read)
 * @param json    the whole event object
 */
public record TraceLine(Path file, int line, String action, int replica, Long lc, ObjectNode json) {
}
