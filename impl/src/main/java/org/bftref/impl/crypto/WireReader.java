package org.bftref.impl.crypto;

import static org.bftref.impl.crypto.DecodeException.Reason.INVALID_UTF8;
import static org.bftref.impl.crypto.DecodeException.Reason.INVALID_VALUE;
import static org.bftref.impl.crypto.DecodeException.Reason.NEGATIVE_LENGTH;
import static org.bftref.impl.crypto.DecodeException.Reason.OVER_LIMIT;
import static org.bftref.impl.crypto.DecodeException.Reason.TRAILING_BYTES;
import static org.bftref.impl.crypto.DecodeException.Reason.TRUNCATED;
import static org.bftref.impl.crypto.DecodeException.Reason.UNKNOWN_TAG;
import static org.bftref.impl.crypto.DecodeException.Reason.UNSUPPORTED_VERSION;
import static org.bftref.impl.crypto.DecodeException.Reason.WRONG_TYPE;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.NewView;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.PreparedCertificate;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * Reads what {@link WireWriter} writes, and nothing else. Every read checks the remaining bytes first, and
 * every length is checked against its limit and against the remaining bytes before anything is allocated, so
 * the work and memory of a decode are bounded by the input's size whatever the input claims. The message
 * schema has a fixed nesting depth, so there is no recursion an input could deepen.
 *
 * <p>One reader decodes one input and is then dropped.
 */
final class WireReader {

    /** Reads one element of a list; a Supplier that may throw the checked DecodeException. */
    @FunctionalInterface
    private interface ElementReader<T> {
        T read() throws DecodeException;
    }

    private final ByteBuffer in;
    private final Codec.Limits limits;
    private final FieldPath path = new FieldPath();

    WireReader(byte[] input, Codec.Limits limits) {
        this.in = ByteBuffer.wrap(input);
        this.limits = limits;
    }

    /** The whole input as one signed message of any type (expectedTag 0) or of the expected type. */
    Signed<? extends Message> signedMessage(byte expectedTag) throws DecodeException {
        byte version = readByte("version");
        if (version != WireFormat.VERSION) {
            throw fail(UNSUPPORTED_VERSION, "version", "version " + version + ", this codec reads " + WireFormat.VERSION);
        }
        byte tag = readTag(expectedTag);
        path.enter(WireFormat.nameOf(tag));
        Message message = body(tag);
        Signature signature = readSignature();
        if (in.hasRemaining()) {
            throw fail(TRAILING_BYTES, null, in.remaining() + " bytes after the signature");
        }
        return construct(() -> new Signed<>(message, signature));
    }

    private byte readTag(byte expectedTag) throws DecodeException {
        byte tag = readByte("tag");
        String name = WireFormat.nameOf(tag);
        if (name == null) {
            throw fail(UNKNOWN_TAG, "tag", String.format("0x%02x", tag));
        }
        if (expectedTag != 0 && tag != expectedTag) {
            throw fail(WRONG_TYPE, "tag", "expected " + WireFormat.nameOf(expectedTag) + ", found " + name);
        }
        return tag;
    }

    private Message body(byte tag) throws DecodeException {
        return switch (tag) {
            case WireFormat.REQUEST -> request();
            case WireFormat.PRE_PREPARE -> prePrepare();
            case WireFormat.PREPARE -> prepare();
            case WireFormat.COMMIT -> commit();
            case WireFormat.CHECKPOINT -> checkpoint();
            case WireFormat.VIEW_CHANGE -> viewChange();
            case WireFormat.NEW_VIEW -> newView();
            case WireFormat.REPLY -> reply();
            case WireFormat.STATUS -> status();
            case WireFormat.STATE -> state();
            default -> throw new AssertionError("readTag admitted tag " + tag);
        };
    }

    private Request request() throws DecodeException {
        int client = readInt("client");
        long timestamp = readLong("timestamp");
        String operation = readString("operation");
        return construct(() -> new Request(client, timestamp, operation));
    }

    private PrePrepare prePrepare() throws DecodeException {
        long v = readLong("v");
        long n = readLong("n");
        Digest d = readDigest("d");
        List<Signed<Request>> batch = readList("batch", limits.batchSizeMax(),
                () -> nestedSigned(Request.class, WireFormat.REQUEST));
        int primary = readInt("primary");
        return construct(() -> new PrePrepare(v, n, d, batch, primary));
    }

    private Prepare prepare() throws DecodeException {
        long v = readLong("v");
        long n = readLong("n");
        Digest d = readDigest("d");
        int r = readInt("r");
        return construct(() -> new Prepare(v, n, d, r));
    }

    private Commit commit() throws DecodeException {
        long v = readLong("v");
        long n = readLong("n");
        Digest d = readDigest("d");
        int r = readInt("r");
        return construct(() -> new Commit(v, n, d, r));
    }

    private Checkpoint checkpoint() throws DecodeException {
        long n = readLong("n");
        Digest stateDigest = readDigest("stateDigest");
        int r = readInt("r");
        return construct(() -> new Checkpoint(n, stateDigest, r));
    }

    private ViewChange viewChange() throws DecodeException {
        long v = readLong("v");
        long stableN = readLong("stableN");
        List<Signed<Checkpoint>> proof = readList("checkpointProof", limits.listSizeMax(),
                () -> nestedSigned(Checkpoint.class, WireFormat.CHECKPOINT));
        List<PreparedCertificate> prepared = readList("prepared", limits.listSizeMax(), this::certificate);
        int r = readInt("r");
        return construct(() -> new ViewChange(v, stableN, proof, prepared, r));
    }

    private PreparedCertificate certificate() throws DecodeException {
        path.enter("prePrepare");
        Signed<PrePrepare> prePrepare = nestedSigned(PrePrepare.class, WireFormat.PRE_PREPARE);
        path.leave();
        List<Signed<Prepare>> prepares = readList("prepares", limits.listSizeMax(),
                () -> nestedSigned(Prepare.class, WireFormat.PREPARE));
        return construct(() -> new PreparedCertificate(prePrepare, prepares));
    }

    private NewView newView() throws DecodeException {
        long v = readLong("v");
        List<Signed<ViewChange>> viewChanges = readList("viewChanges", limits.listSizeMax(),
                () -> nestedSigned(ViewChange.class, WireFormat.VIEW_CHANGE));
        List<Signed<PrePrepare>> prePrepares = readList("prePrepares", limits.listSizeMax(),
                () -> nestedSigned(PrePrepare.class, WireFormat.PRE_PREPARE));
        int primary = readInt("primary");
        return construct(() -> new NewView(v, viewChanges, prePrepares, primary));
    }

    private Reply reply() throws DecodeException {
        long v = readLong("v");
        long timestamp = readLong("timestamp");
        int client = readInt("client");
        String result = readString("result");
        int r = readInt("r");
        return construct(() -> new Reply(v, timestamp, client, result, r));
    }

    private Message.Status status() throws DecodeException {
        long v = readLong("v");
        byte normalByte = readByte("normal");
        if (normalByte != 0 && normalByte != 1) {
            throw fail(DecodeException.Reason.INVALID_VALUE, "normal", "a boolean is 0 or 1, found " + normalByte);
        }
        long lastExecuted = readLong("lastExecuted");
        int r = readInt("r");
        return construct(() -> new Message.Status(v, normalByte == 1, lastExecuted, r));
    }

    private Message.State state() throws DecodeException {
        long n = readLong("n");
        byte[] snapshot = new byte[readLength("snapshot", limits.messageBytesMax())];
        in.get(snapshot);
        List<Signed<Reply>> replies = readList("replies", limits.listSizeMax(),
                () -> nestedSigned(Reply.class, WireFormat.REPLY));
        long stableN = readLong("stableN");
        List<Signed<Checkpoint>> proof = readList("checkpointProof", limits.listSizeMax(),
                () -> nestedSigned(Checkpoint.class, WireFormat.CHECKPOINT));
        int r = readInt("r");
        return construct(() -> new Message.State(n, snapshot, replies, stableN, proof, r));
    }

    /** A signed message inside another, whose type the enclosing field fixes. */
    private <M extends Message> Signed<M> nestedSigned(Class<M> type, byte tag) throws DecodeException {
        readTag(tag);
        M message = type.cast(body(tag));
        Signature signature = readSignature();
        return construct(() -> new Signed<>(message, signature));
    }

    private <T> List<T> readList(String field, int max, ElementReader<T> element) throws DecodeException {
        int count = readLength(field, max);
        // Not presized: count is bounded by the remaining bytes, but a list of references costs more per
        // element than the one byte each element is known to take.
        List<T> list = new ArrayList<>();
        path.enter(field);
        for (int i = 0; i < count; i++) {
            path.index(i);
            list.add(element.read());
        }
        path.leave();
        return list;
    }

    /**
     * A count of bytes or of list elements. Each element takes at least one byte, so a count above the
     * remaining bytes is truncated input, found before anything is allocated for it.
     */
    private int readLength(String field, int max) throws DecodeException {
        int length = readInt(field);
        if (length < 0) {
            throw fail(NEGATIVE_LENGTH, field, String.valueOf(length));
        }
        if (length > max) {
            throw fail(OVER_LIMIT, field, "length " + length + " over the limit " + max);
        }
        if (length > in.remaining()) {
            throw fail(TRUNCATED, field, "length " + length + " but " + in.remaining() + " bytes remain");
        }
        return length;
    }

    private String readString(String field) throws DecodeException {
        byte[] utf8 = new byte[readLength(field, limits.stringBytesMax())];
        in.get(utf8);
        try {
            // A fresh decoder REPORTs malformed input; the JDK's UTF-8 decoder also rejects overlong forms and
            // encoded surrogates, so each string has one encoding and decoding stays canonical.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw fail(INVALID_UTF8, field, e.toString());
        }
    }

    private Signature readSignature() throws DecodeException {
        byte[] bytes = new byte[readLength("signature", limits.signatureBytesMax())];
        in.get(bytes);
        return new Signature(bytes);
    }

    private Digest readDigest(String field) throws DecodeException {
        need(WireFormat.DIGEST_BYTES, field);
        byte[] bytes = new byte[WireFormat.DIGEST_BYTES];
        in.get(bytes);
        return Digest.fromBytes(bytes);
    }

    private byte readByte(String field) throws DecodeException {
        need(Byte.BYTES, field);
        return in.get();
    }

    private int readInt(String field) throws DecodeException {
        need(Integer.BYTES, field);
        return in.getInt();
    }

    private long readLong(String field) throws DecodeException {
        need(Long.BYTES, field);
        return in.getLong();
    }

    private void need(int bytes, String field) throws DecodeException {
        if (in.remaining() < bytes) {
            throw fail(TRUNCATED, field, "needs " + bytes + " bytes, " + in.remaining() + " remain");
        }
    }

    /**
     * Runs a record constructor. The records validate their own components, and whatever a constructor throws
     * means the decoded values are not a message; it becomes a DecodeException like any other bad input.
     */
    private <T> T construct(Supplier<T> constructor) throws DecodeException {
        try {
            return constructor.get();
        } catch (RuntimeException e) {
            throw fail(INVALID_VALUE, null, e.getMessage());
        }
    }

    private DecodeException fail(DecodeException.Reason reason, String field, String detail) {
        return new DecodeException(reason, path.describe(field), detail);
    }

    /**
     * Where the reader is, kept as names and indices and turned into text only when decoding fails, so a
     * successful decode builds no strings for it.
     */
    private static final class FieldPath {
        private String[] names = new String[8];
        private int[] indices = new int[8];
        private int depth;

        void enter(String name) {
            if (depth == names.length) {
                names = Arrays.copyOf(names, depth * 2);
                indices = Arrays.copyOf(indices, depth * 2);
            }
            names[depth] = name;
            indices[depth] = -1;
            depth++;
        }

        void index(int i) {
            indices[depth - 1] = i;
        }

        void leave() {
            depth--;
        }

        String describe(String field) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(names[i]);
                if (indices[i] >= 0) {
                    sb.append('[').append(indices[i]).append(']');
                }
            }
            if (field != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(field);
            }
            return sb.length() == 0 ? "message" : sb.toString();
        }
    }
}
