package org.bftref.trace.format;

import java.util.List;
import java.util.SortedSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Line 1 of a trace file (FORMAT.md, "Header"), validated: {@code replicas} is exactly {@code 0 .. n-1} (returned in
 * ascending order), {@code faulty} is a subset of it.
 *
 * @param n                  number of replicas; the primary of view v is {@code v mod n}
 * @param f                  faults tolerated
 * @param replicas           {@code 0 .. n-1}, ascending, unmodifiable
 * @param faulty             the replicas that do not log, unmodifiable
 * @param checkpointInterval K
 * @param watermarkWindow    L
 * @param nullDigest         digest of the null request
 * @param source             free text, or null when the header has none
 * @param json               the whole header as read (of the first file, when several are read)
 */
public record TraceHeader(int n, int f, List<Integer> replicas, SortedSet<Integer> faulty, int checkpointInterval,
                          int watermarkWindow, String nullDigest, String source, ObjectNode json) {
}
