package org.bftref.impl.crypto;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;

/**
 * The constants of the canonical encoding, shared by {@link WireWriter} and {@link WireReader}. Changing how
 * any message is laid out means a new {@link #VERSION}: the version byte is inside what every signature covers,
 * so bytes of one format can never verify as a message of another.
 */
final class WireFormat {

    static final byte VERSION = 1;

    // One tag per message type. Never reuse a number: old bytes must not decode as a different type.
    static final byte REQUEST = 1;
    static final byte PRE_PREPARE = 2;
    static final byte PREPARE = 3;
    static final byte COMMIT = 4;
    static final byte CHECKPOINT = 5;
    static final byte VIEW_CHANGE = 6;
    static final byte NEW_VIEW = 7;
    static final byte REPLY = 8;
    static final byte STATUS = 9;
    static final byte STATE = 10;
    /** Starts the input of a batch digest; no message has this tag, so a batch digest is never a message's. */
    static final byte BATCH = 0x40;

    /** SHA-256 digests travel as their 32 bytes, not as hex. */
    static final int DIGEST_BYTES = Digest.BYTES;

    private WireFormat() {
    }

    static byte tagOf(Message m) {
        return tagOf(m.getClass());
    }

    /** Message types are records, hence final: a class identifies the type exactly. */
    static byte tagOf(Class<? extends Message> type) {
        if (type == Message.Request.class) {
            return REQUEST;
        } else if (type == Message.PrePrepare.class) {
            return PRE_PREPARE;
        } else if (type == Message.Prepare.class) {
            return PREPARE;
        } else if (type == Message.Commit.class) {
            return COMMIT;
        } else if (type == Message.Checkpoint.class) {
            return CHECKPOINT;
        } else if (type == Message.ViewChange.class) {
            return VIEW_CHANGE;
        } else if (type == Message.NewView.class) {
            return NEW_VIEW;
        } else if (type == Message.Reply.class) {
            return REPLY;
        } else if (type == Message.Status.class) {
            return STATUS;
        } else if (type == Message.State.class) {
            return STATE;
        }
        throw new IllegalArgumentException("not a message type: " + type);
    }

    /** The message type's name in the paper's spelling, for error paths; null for an unknown tag. */
    static String nameOf(byte tag) {
        return switch (tag) {
            case REQUEST -> "REQUEST";
            case PRE_PREPARE -> "PRE-PREPARE";
            case PREPARE -> "PREPARE";
            case COMMIT -> "COMMIT";
            case CHECKPOINT -> "CHECKPOINT";
            case VIEW_CHANGE -> "VIEW-CHANGE";
            case NEW_VIEW -> "NEW-VIEW";
            case REPLY -> "REPLY";
            case STATUS -> "STATUS";
            case STATE -> "STATE";
            default -> null;
        };
    }
}
