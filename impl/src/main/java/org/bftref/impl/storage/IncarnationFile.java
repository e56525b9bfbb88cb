package org.bftref.impl.storage;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * How many clusters have started on one storage directory, and what they were: {@value #FILE_NAME}, next to the
 * replicas' logs. A cluster that starts on the directory again (after a {@code kill -9}, say) needs both:
 * <ul>
 *   <li>The count, because its clients are new processes with old identities. Replicas remember the last
 *       timestamp they executed for each client and take a request at or below it for an old one, so the new
 *       clients must number their requests above every earlier incarnation's; numbering from the count does that
 *       without knowing what the earlier clients actually sent (which died with them).</li>
 *   <li>The identity (replicas, keys, checkpoint parameters), because the logs hold messages signed with the
 *       earlier keys and sequence numbers laid out by the earlier checkpoint interval: a cluster with other ones
 *       would reject its own recovered votes, so resuming with them is refused up front, with both named.</li>
 * </ul>
 *
 * <p>Format: UTF-8 text, three lines, {@code format=1}, {@code identity=<text>}, {@code incarnations=<count>}.
 * It is replaced whole (written to a temporary name, forced, renamed, directory forced), so a crash leaves the
 * old count or the new one, never a torn file; the count is on the disk before any client of the new
 * incarnation sends.
 *
 * <p>Threads: one cluster's starting thread; two processes on one directory are kept apart by the logs' locks,
 * which the cluster takes first.
 */
public final class IncarnationFile {

    public static final String FILE_NAME = "cluster.incarnation";
    private static final String TEMP_NAME = FILE_NAME + ".tmp";
    private static final int FORMAT = 1;

    /** Why a cluster does not resume on records that no recorded cluster wrote. */
    public static final String UNRECORDED = "--resume: the storage holds replica records but no record of the cluster "
            + "that wrote them, so the request numbers its clients used are unknown and new ones could collide";

    private IncarnationFile() {
    }

    /** What the file said: the identity recorded and how many clusters started (0 and null: no file). */
    public record Recorded(String identity, long incarnations) {
    }

    /**
     * Reads the file, if there is one.
     *
     * @throws IOException with a one-line message naming the file, line and field if the file is not in the format
     */
    public static Recorded read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Recorded(null, 0);
        } catch (CharacterCodingException e) {
            throw new IOException(file + " line 1: field 'format': not UTF-8 text", e);
        }
        String format = field(file, lines, 1, "format");
        if (!format.equals(Integer.toString(FORMAT))) {
            throw new IOException(file + " line 1: field 'format': this build reads format " + FORMAT + ", not '"
                    + format + "'");
        }
        String identity = field(file, lines, 2, "identity");
        String count = field(file, lines, 3, "incarnations");
        long incarnations;
        try {
            incarnations = Long.parseLong(count);
        } catch (NumberFormatException e) {
            incarnations = -1;
        }
        if (incarnations < 1) {
            throw new IOException(file + " line 3: field 'incarnations': not a positive count: '" + count + "'");
        }
        return new Recorded(identity, incarnations);
    }

    private static String field(Path file, List<String> lines, int line, String name) throws IOException {
        if (lines.size() < line) {
            throw new IOException(file + " line " + line + ": field '" + name + "' missing (the file has "
                    + lines.size() + " lines)");
        }
        String text = lines.get(line - 1);
        if (!text.startsWith(name + "=")) {
            throw new IOException(file + " line " + line + ": expected field '" + name + "=', found '"
                    + text.replaceAll("\\p{Cntrl}", " ") + "'");
        }
        return text.substring(name.length() + 1);
    }

    /**
     * Records one more cluster on the directory and returns how many started on it before (0 for the first).
     *
     * @param identity what every cluster on this directory must share (one line, no control characters)
     * @param resume   true: the recorded identity, if any, must equal {@code identity}; false: a new history
     *                 starts here (the caller has checked that the logs are empty), so the identity is replaced
     * @param holdsRecords whether the replicas' logs hold records: if no cluster is recorded, whoever wrote them
     *                 used client timestamps nobody knows, so the new clients could collide with them: refused
     * @throws IllegalArgumentException if resuming with another identity (the message names both), or on records
     *                                  no recorded cluster wrote
     * @throws IOException              if the file cannot be read (one line naming file, line and field) or written
     */
    public static long begin(Path directory, String identity, boolean resume, boolean holdsRecords)
            throws IOException {
        checkIdentity(identity);
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Recorded recorded = read(directory);
        checkBegin(recorded, identity, resume, holdsRecords, file + " is missing", file + " says its logs were");
        String text = "format=" + FORMAT + "\nidentity=" + identity + "\nincarnations="
                + (recorded.incarnations() + 1) + "\n";
        AtomicFile.replace(file, directory.resolve(TEMP_NAME), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return recorded.incarnations();
    }

    /**
     * Whether one more cluster may start on a storage that recorded {@code recorded}: the rules of {@link #begin},
     * in one place for every record of incarnations (this file, and the in-memory one of
     * {@code StorageFactory.inMemory}), so the two kinds of storage refuse the same clusters.
     *
     * @param missing   what {@link #UNRECORDED} adds in parentheses, or null for nothing
     * @param writtenBy the subject of the identity mismatch message: {@code "--resume: <writtenBy> written by a
     *                  cluster with <recorded>, and this one has <identity>"}
     * @throws IllegalArgumentException if {@code identity} is not one non-empty line, if resuming with another
     *                                  identity, or on records no recorded cluster wrote
     */
    public static void checkBegin(Recorded recorded, String identity, boolean resume, boolean holdsRecords,
                                  String missing, String writtenBy) {
        checkIdentity(identity);
        if (recorded.incarnations() == 0 && holdsRecords) {
            throw new IllegalArgumentException(UNRECORDED + (missing == null ? "" : " (" + missing + ")"));
        }
        if (resume && recorded.identity() != null && !recorded.identity().equals(identity)) {
            throw new IllegalArgumentException("--resume: " + writtenBy + " written by a cluster with "
                    + recorded.identity() + ", and this one has " + identity);
        }
    }

    /** The file holds the identity on one line, so it must be one (and say something). */
    private static void checkIdentity(String identity) {
        if (identity.isEmpty() || identity.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an identity is one non-empty line: '" + identity + "'");
        }
    }
}
