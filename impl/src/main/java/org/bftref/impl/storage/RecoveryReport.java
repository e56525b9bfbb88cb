package org.bftref.impl.storage;

import java.nio.file.Path;

/**
 * What opening a replica's log found and did. Opening never repairs silently: a truncated tail or a removed
 * leftover compaction file shows up here, {@link FileStorage} logs it as a warning, and the runtime can print
 * {@link #toString()} (one line).
 *
 * @param file                       the log
 * @param created                    there was no log: this is a new one, and the replica starts from nothing.
 *                                   A replica that had a log and lost it must not be started this way; only
 *                                   the operator knows which case it is, so it is reported
 * @param recordsRead                records read from the file, valid ones, including obsolete ones
 * @param liveRecords                records left after the compaction rules: what {@link FileStorage#records()}
 *                                   returns to {@code Replica.recover}
 * @param truncatedAtOffset          where the log was cut (the start of the damaged tail record); -1 if not cut
 * @param bytesTruncated             bytes removed from the end of the file; 0 if nothing was cut
 * @param tailDamage                 what was wrong with the tail record; {@link TailDamage#NONE} if nothing
 * @param detail                     the tail damage in words; empty if none
 * @param leftoverCompactionRemoved  a compaction had been interrupted by a crash before its rename, and its
 *                                   unfinished file was deleted (the log itself was complete and is used)
 * @param recoveryNanos              how long opening took, reading and any repair included
 */
public record RecoveryReport(Path file, boolean created, int recordsRead, int liveRecords, long truncatedAtOffset,
                             long bytesTruncated, TailDamage tailDamage, String detail,
                             boolean leftoverCompactionRemoved, long recoveryNanos) {

    /** How the last record of a log was damaged. Any of them is what a crash in the middle of a write leaves. */
    public enum TailDamage {
        NONE("none"),
        /** Fewer bytes than a record's length and type remain. */
        PARTIAL_HEAD("partial record head"),
        /** The length field is negative or above the configured maximum. */
        BAD_LENGTH("impossible record length"),
        /** The type byte names no record (0 is what a zero-filled, never-written tail reads as). */
        UNKNOWN_TYPE("unknown record type"),
        /** The length says the record goes past the end of the file. */
        PARTIAL_RECORD("partial record"),
        /**
         * The record is complete but its checksum does not match. A torn write can leave this (the file's size
         * reached the disk, some of its data did not); so can a bad disk or a flipped bit, and then the record
         * may have been acted on before it was damaged. The report cannot tell which, so it names it.
         */
        CHECKSUM_MISMATCH("checksum mismatch");

        private final String text;

        TailDamage(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public RecoveryReport {
        detail = detail == null ? "" : detail;
    }

    public boolean truncated() {
        return bytesTruncated > 0;
    }

    /** Whether anything needs a human's attention: a cut tail, an interrupted compaction, or a new log. */
    public boolean repairedOrCreated() {
        return truncated() || leftoverCompactionRemoved || created;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(file).append(": ");
        if (created) {
            s.append("new log");
        } else {
            s.append(recordsRead).append(" records read, ").append(liveRecords).append(" live");
        }
        if (truncated()) {
            s.append("; TRUNCATED ").append(bytesTruncated).append(" bytes at offset ").append(truncatedAtOffset)
                    .append(" (").append(tailDamage.text()).append(": ").append(detail).append(')');
        }
        if (leftoverCompactionRemoved) {
            s.append("; removed the file of an interrupted compaction");
        }
        s.append("; ").append(recoveryNanos / 1_000_000).append(" ms");
        return s.toString();
    }
}
