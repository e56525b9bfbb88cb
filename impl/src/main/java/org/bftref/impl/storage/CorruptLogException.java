package org.bftref.impl.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A replica's log cannot be trusted as it is, and repairing it would mean guessing: a damaged record with valid
 * records after it (so not a torn tail), a damaged header, or a record whose checksum is right but whose contents
 * this build cannot read. The replica must not start from it: a replica that forgot a vote it sent could sign a
 * conflicting one. Treat the replica as faulty (it counts against f) until its log is restored.
 *
 * <p>{@link #getMessage()} is one line naming the file, the byte offset and the record index.
 */
public final class CorruptLogException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final int recordIndex;

    /**
     * @param recordIndex the damaged record's position in the file counting from 0, or -1 for the header
     */
    CorruptLogException(Path file, long offset, int recordIndex, String problem) {
        super(file + ": " + (recordIndex < 0 ? "header" : "record #" + recordIndex) + " at byte offset " + offset
                + ": " + problem.replaceAll("\\p{Cntrl}", " "));
        this.file = file;
        this.offset = offset;
        this.recordIndex = recordIndex;
    }

    public Path file() {
        return file;
    }

    /** Where the damaged record (or the header) starts. */
    public long offset() {
        return offset;
    }

    /** The damaged record's index in the file (0 is the first record after the header); -1 for the header. */
    public int recordIndex() {
        return recordIndex;
    }
}
