package org.bftref.trace.format;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole trace: the header and the events in one causal order. From one file, that is the file's order; from
 * several, the files merged by {@code (lc, replica)}, which respects each file's own order because {@code lc}
 * increases strictly within a file.
 *
 * @param header the header (all files have the same one, {@code source} aside; this is the first file's)
 * @param events the events, unmodifiable; empty for a header-only trace
 * @param files  the files read, in the order given, unmodifiable
 */
public record Trace(TraceHeader header, List<TraceLine> events, List<Path> files) {
}
