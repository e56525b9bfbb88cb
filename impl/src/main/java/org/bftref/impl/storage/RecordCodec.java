package org.bftref.impl.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.bftref.impl.core.Durable;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.DecodeException;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/**
 * The bytes of one log record, and back. A frame is
 * <pre>
 *   int   length      payload bytes, big-endian
 *   byte  type        which Durable record (TYPE_* below)
 *   bytes payload     length bytes
 *   int   crc32c      CRC-32C over length, type and payload
 * </pre>
 * The checksum covers the length and the type too, so that a flipped bit there is caught like one in the
 * payload, instead of making the reader skip to a wrong offset. CRC-32C (Castagnoli) because the JDK computes
 * it with the CPU's instruction and it detects every burst error up to 32 bits.
 *
 * <p>Every signed message inside a payload is in the canonical wire format ({@link Codec#encode}), as an int
 * byte count and the bytes, so the log stores exactly what was signed and sent, and decoding checks it as
 * strictly as a message from the network. The framing around the messages is this class's own:
 * <ul>
 *   <li>PrePrepareAccepted, ViewChangeSent, NewViewEntered: the one signed message.</li>
 *   <li>PreparedCertificateHeld: the signed PRE-PREPARE, then an int count and the signed PREPAREs.</li>
 *   <li>StableState: long n, the snapshot (int count and bytes), an int count and the signed REPLYs.</li>
 *   <li>CheckpointStable: long n, the 32 digest bytes, an int count and the signed CHECKPOINTs.</li>
 * </ul>
 */
final class RecordCodec {

    // One number per record type. Never reuse one: an old log must not decode as a different record.
    // 0 is not a type, so a zero-filled tail (a file extended but never written) is never a record.
    static final byte TYPE_PRE_PREPARE_ACCEPTED = 1;
    static final byte TYPE_PREPARED_CERTIFICATE_HELD = 2;
    static final byte TYPE_VIEW_CHANGE_SENT = 3;
    static final byte TYPE_NEW_VIEW_ENTERED = 4;
    static final byte TYPE_STABLE_STATE = 5;
    static final byte TYPE_CHECKPOINT_STABLE = 6;

    /** length and type before the payload, the checksum after it. */
    static final int FRAME_HEAD_BYTES = Integer.BYTES + Byte.BYTES;
    static final int FRAME_OVERHEAD_BYTES = FRAME_HEAD_BYTES + Integer.BYTES;

    private RecordCodec() {
    }

    static boolean isType(byte type) {
        return type >= TYPE_PRE_PREPARE_ACCEPTED && type <= TYPE_CHECKPOINT_STABLE;
    }

    static String typeName(byte type) {
        return switch (type) {
            case TYPE_PRE_PREPARE_ACCEPTED -> "PrePrepareAccepted";
            case TYPE_PREPARED_CERTIFICATE_HELD -> "PreparedCertificateHeld";
            case TYPE_VIEW_CHANGE_SENT -> "ViewChangeSent";
            case TYPE_NEW_VIEW_ENTERED -> "NewViewEntered";
            case TYPE_STABLE_STATE -> "StableState";
            case TYPE_CHECKPOINT_STABLE -> "CheckpointStable";
            default -> "type " + type;
        };
    }

    /** The whole frame of one record, ready to be written with one write. */
    static byte[] frame(Durable record) {
        byte type;
        byte[] payload;
        if (record instanceof Durable.PrePrepareAccepted a) {
            type = TYPE_PRE_PREPARE_ACCEPTED;
            payload = Codec.encode(a.prePrepare());
        } else if (record instanceof Durable.PreparedCertificateHeld h) {
            type = TYPE_PREPARED_CERTIFICATE_HELD;
            payload = payload(out -> {
                signed(out, h.certificate().prePrepare());
                signedList(out, h.certificate().prepares());
            });
        } else if (record instanceof Durable.ViewChangeSent v) {
            type = TYPE_VIEW_CHANGE_SENT;
            payload = Codec.encode(v.viewChange());
        } else if (record instanceof Durable.NewViewEntered e) {
            type = TYPE_NEW_VIEW_ENTERED;
            payload = Codec.encode(e.newView());
        } else if (record instanceof Durable.StableState s) {
            type = TYPE_STABLE_STATE;
            payload = payload(out -> {
                out.writeLong(s.n());
                bytes(out, s.snapshot());
                signedList(out, s.replies());
            });
        } else if (record instanceof Durable.CheckpointStable c) {
            type = TYPE_CHECKPOINT_STABLE;
            payload = payload(out -> {
                out.writeLong(c.n());
                out.write(c.stateDigest().bytes());
                signedList(out, c.proof());
            });
        } else {
            throw new AssertionError("a Durable record without an encoding: " + record.getClass());
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME_OVERHEAD_BYTES + payload.length);
        frame.putInt(payload.length).put(type).put(payload);
        frame.putInt(crc(frame.array(), 0, FRAME_HEAD_BYTES + payload.length));
        return frame.array();
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * The record of a frame whose checksum matched. A failure here is not disk damage (the checksum says the
     * bytes are what was written): it is a format this build does not read, or a bug, and the caller stops.
     */
    static Durable decode(byte type, byte[] payload, Codec codec) throws MalformedRecordException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            Durable record = switch (type) {
                case TYPE_PRE_PREPARE_ACCEPTED -> new Durable.PrePrepareAccepted(
                        codec.decode(payload, Message.PrePrepare.class));
                case TYPE_VIEW_CHANGE_SENT -> new Durable.ViewChangeSent(codec.decode(payload, Message.ViewChange.class));
                case TYPE_NEW_VIEW_ENTERED -> new Durable.NewViewEntered(codec.decode(payload, Message.NewView.class));
                case TYPE_PREPARED_CERTIFICATE_HELD -> {
                    Signed<Message.PrePrepare> pp = signed(in, codec, Message.PrePrepare.class);
                    List<Signed<Message.Prepare>> prepares = signedList(in, codec, Message.Prepare.class);
                    yield new Durable.PreparedCertificateHeld(new Message.PreparedCertificate(pp, prepares));
                }
                case TYPE_STABLE_STATE -> {
                    long n = in.getLong();
                    byte[] snapshot = bytes(in);
                    List<Signed<Message.Reply>> replies = signedList(in, codec, Message.Reply.class);
                    yield new Durable.StableState(n, snapshot, replies);
                }
                case TYPE_CHECKPOINT_STABLE -> {
                    long n = in.getLong();
                    byte[] digest = new byte[Digest.BYTES];
                    in.get(digest);
                    List<Signed<Message.Checkpoint>> proof = signedList(in, codec, Message.Checkpoint.class);
                    yield new Durable.CheckpointStable(n, Digest.fromBytes(digest), proof);
                }
                default -> throw new MalformedRecordException("unknown record type " + type);
            };
            boolean framed = type == TYPE_PREPARED_CERTIFICATE_HELD || type == TYPE_STABLE_STATE
                    || type == TYPE_CHECKPOINT_STABLE;
            if (framed && in.hasRemaining()) {
                throw new MalformedRecordException(in.remaining() + " bytes after the " + typeName(type));
            }
            return record;
        } catch (DecodeException e) {
            throw new MalformedRecordException(typeName(type) + ": " + e.getMessage());
        } catch (BufferUnderflowException e) {
            throw new MalformedRecordException(typeName(type) + ": payload ends early");
        } catch (RuntimeException e) {
            // A record constructor rejected the values (a negative length, a bad argument).
            throw new MalformedRecordException(typeName(type) + ": " + e);
        }
    }

    /** A record whose checksum is right but whose payload this build cannot read. */
    static final class MalformedRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writing

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] payload(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return bytes.toByteArray();
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static void signed(DataOutputStream out, Signed<?> s) throws IOException {
        bytes(out, Codec.encode(s));
    }

    private static void signedList(DataOutputStream out, List<? extends Signed<?>> list) throws IOException {
        out.writeInt(list.size());
        for (Signed<?> s : list) {
            signed(out, s);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading: every count is checked against the bytes that remain before anything is allocated.

    private static byte[] bytes(ByteBuffer in) throws MalformedRecordException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new MalformedRecordException("a byte count of " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private static <M extends Message> Signed<M> signed(ByteBuffer in, Codec codec, Class<M> type)
            throws MalformedRecordException, DecodeException {
        return codec.decode(bytes(in), type);
    }

    private static <M extends Message> List<Signed<M>> signedList(ByteBuffer in, Codec codec, Class<M> type)
            throws MalformedRecordException, DecodeException {
        int count = in.getInt();
        // Each element takes at least its 4-byte count, so a larger count is a lie found before allocating.
        if (count < 0 || count > in.remaining() / Integer.BYTES) {
            throw new MalformedRecordException("a list of " + count + " with " + in.remaining() + " bytes left");
        }
        List<Signed<M>> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(signed(in, codec, type));
        }
        return list;
    }
}
