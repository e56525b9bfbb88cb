package org.bftref.impl.crypto;

/**
 * Bytes from the wire that are not the canonical encoding of a signed message. Malformed input is an expected
 * event (a Byzantine sender or a broken link produces it), so this is a checked exception the receiver must
 * handle, and {@link Codec#decode} throws nothing else for any input.
 *
 * <p>{@link #field()} names where decoding stopped, as a path through the message
 * ({@code NEW-VIEW.viewChanges[1].prepared[0].prepares}); {@link #getMessage()} is one line: field, reason,
 * detail.
 */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the bytes. */
    public enum Reason {
        /** The input ended before a field, or a length claims more bytes than remain. */
        TRUNCATED("truncated"),
        /** Bytes follow a complete message. */
        TRAILING_BYTES("trailing bytes"),
        /** The format version byte is not one this codec reads. */
        UNSUPPORTED_VERSION("unsupported version"),
        /** A type tag that names no message. */
        UNKNOWN_TAG("unknown tag"),
        /** A message of one type where the field, or the caller, requires another. */
        WRONG_TYPE("wrong type"),
        /** A length prefix below zero. */
        NEGATIVE_LENGTH("negative length"),
        /** A length, or the whole input, above a configured {@link Codec.Limits limit}. */
        OVER_LIMIT("over limit"),
        /** A string that is not well-formed UTF-8. */
        INVALID_UTF8("invalid UTF-8"),
        /** Well-formed bytes whose values a message record rejects (a negative view, sequence number 0). */
        INVALID_VALUE("invalid value");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Reason reason;
    private final String field;

    DecodeException(Reason reason, String field, String detail) {
        // No stack trace: the reason and the field say everything, and a flood of malformed messages from a
        // Byzantine sender should not cost a stack walk each.
        super(field + ": " + reason.text + ": " + oneLine(detail), null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The path of the field where decoding stopped, e.g. {@code PRE-PREPARE.batch[2].operation}. */
    public String field() {
        return field;
    }

    private static String oneLine(String detail) {
        return detail == null ? "" : detail.replaceAll("\\p{Cntrl}", " ");
    }
}
