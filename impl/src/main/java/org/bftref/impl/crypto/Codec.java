package org.bftref.impl.crypto;

import java.util.List;
import java.util.Objects;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Signed;

/**
 * The canonical binary encoding of messages: what a signature covers, the wire format of a signed message,
 * and the input of a batch digest. Encoding is deterministic (equal messages give equal bytes, byte for byte)
 * and canonical (decoding accepts exactly the bytes encoding produces), so a digest or a signature is a
 * function of the message alone.
 *
 * <p>Layout, version {@value #FORMAT_VERSION}: a version byte, then a type tag byte and the record's
 * components in declaration order: {@code int}s as 4 and {@code long}s as 8 big-endian bytes, digests as their
 * 32 bytes, strings as a 4-byte byte count and UTF-8, lists as a 4-byte count and the elements. A signed
 * message, on the wire or nested inside another, is the message followed by its signature (a 4-byte count and
 * the bytes). A prepared certificate is its signed PRE-PREPARE followed by the list of signed PREPAREs.
 *
 * <p>Encoding is static, since signatures must not depend on any setting; decoding takes {@link Limits}.
 */
public final class Codec {

    /** The format version; the first byte of every encoding and therefore covered by every signature. */
    public static final byte FORMAT_VERSION = WireFormat.VERSION;

    /**
     * Upper bounds a decoder enforces before it allocates anything, so that a hostile length cannot make a
     * receiver allocate more than its input's size. Units: bytes, or elements of one list.
     *
     * @param messageBytesMax   the largest whole input
     * @param batchSizeMax      the most requests in a PRE-PREPARE's batch
     * @param listSizeMax       the most elements of any other list (checkpoint proofs, prepared certificates,
     *                          their PREPAREs, a NEW-VIEW's V and O)
     * @param stringBytesMax    the longest operation or result, in UTF-8 bytes
     * @param signatureBytesMax the longest signature
     */
    public record Limits(int messageBytesMax, int batchSizeMax, int listSizeMax, int stringBytesMax,
                         int signatureBytesMax) {

        /**
         * Generous for any configuration we simulate; a deployment sets its own from n, the log size and batching.
         * Signatures: 1,600 bytes is a MAC authenticator of 16-byte tags for 100 replicas, the most a scenario has.
         */
        public static final Limits DEFAULT = new Limits(16 << 20, 1024, 4096, 64 << 10, 1_600);

        public Limits {
            if (messageBytesMax < 1 || batchSizeMax < 0 || listSizeMax < 0 || stringBytesMax < 0
                    || signatureBytesMax < 0) {
                throw new IllegalArgumentException("limits must be >= 0 (messageBytesMax >= 1): " + this);
            }
        }
    }

    /**
     * The digest of the empty batch, the null request a NEW-VIEW uses to fill a gap (OSDI section 4.4). Fixed by
     * the format: {@code batchDigest(List.of())}.
     */
    public static final Digest NULL_REQUEST_DIGEST = batchDigest(List.of());

    private final Limits limits;

    public Codec(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A codec with {@link Limits#DEFAULT}. */
    public Codec() {
        this(Limits.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * The bytes a signature over {@code message} covers: version and message, without any signature of its
     * own (signatures of messages nested inside are included: they are part of what the signer vouches for).
     *
     * @throws IllegalArgumentException if a string holds an unpaired surrogate, which has no UTF-8 form
     */
    public static byte[] signingBytes(Message message) {
        return WireWriter.message(message);
    }

    /**
     * The wire format of a signed message: version, message, signature.
     *
     * @throws IllegalArgumentException if a string holds an unpaired surrogate, which has no UTF-8 form
     */
    public static byte[] encode(Signed<?> signed) {
        return WireWriter.signed(signed);
    }

    /**
     * The digest {@code d} of a request batch: SHA-256 over the version, a tag no message uses, the count and
     * each request's encoding. It covers the requests but not the clients' signatures: agreement is on what is
     * executed, and the original PBFT authenticates requests with per-receiver MACs, which a digest every
     * replica must compute alike cannot include. The signatures are checked by {@link Verifier#verifyDeep}.
     */
    public static Digest batchDigest(List<Signed<Request>> batch) {
        return Digest.of(WireWriter.batch(batch));
    }

    /**
     * Decodes a signed message of any type. Total: any input that is not exactly the encoding of a signed
     * message within the limits yields a DecodeException, and nothing else is thrown.
     */
    public Signed<? extends Message> decode(byte[] wire) throws DecodeException {
        return decode(wire, (byte) 0);
    }

    /** Decodes a signed message that must be of {@code type}; any other type is {@link DecodeException.Reason#WRONG_TYPE}. */
    public <M extends Message> Signed<M> decode(byte[] wire, Class<M> type) throws DecodeException {
        Signed<? extends Message> signed = decode(wire, WireFormat.tagOf(type));
        return new Signed<>(type.cast(signed.message()), signed.signature());
    }

    private Signed<? extends Message> decode(byte[] wire, byte expectedTag) throws DecodeException {
        Objects.requireNonNull(wire, "wire");
        if (wire.length > limits.messageBytesMax()) {
            throw new DecodeException(DecodeException.Reason.OVER_LIMIT, "message",
                    wire.length + " bytes over the limit " + limits.messageBytesMax());
        }
        return new WireReader(wire, limits).signedMessage(expectedTag);
    }
}
