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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRejectsMalformedInputTest {

    private static final SampleMessages SAMPLES = SampleMessages.withScheme(SignatureScheme.HMAC_SHA256);
    private static final Digest D = Digest.of("batch");
    private static final Codec CODEC = new Codec();

    static Stream<Signed<? extends Message>> everyMessageType() {
        return SAMPLES.all().stream();
    }

    private static DecodeException rejected(Codec codec, byte[] input) {
        DecodeException e = assertThrows(DecodeException.class, () -> codec.decode(input));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(e.field() + ": "), e.getMessage());
        return e;
    }

    private static void assertRejected(DecodeException.Reason reason, String field, byte[] input) {
        assertRejected(CODEC, reason, field, input);
    }

    private static void assertRejected(Codec codec, DecodeException.Reason reason, String field, byte[] input) {
        DecodeException e = rejected(codec, input);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void everyProperPrefixIsTruncated(Signed<? extends Message> signed) {
        byte[] wire = Codec.encode(signed);
        for (int length = 0; length < wire.length; length++) {
            assertEquals(TRUNCATED, rejected(CODEC, Arrays.copyOf(wire, length)).reason(), "prefix " + length);
        }
    }

    @Test
    void emptyInputIsTruncatedAtTheVersion() {
        assertRejected(TRUNCATED, "version", new byte[0]);
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void trailingBytesAreRejected(Signed<? extends Message> signed) {
        byte[] wire = Codec.encode(signed);
        assertEquals(TRAILING_BYTES, rejected(CODEC, Arrays.copyOf(wire, wire.length + 1)).reason());
    }

    @Test
    void trailingBytesNameTheMessage() {
        byte[] wire = Codec.encode(SAMPLES.prepare(0, 1, D, 1));
        assertRejected(TRAILING_BYTES, "PREPARE", Arrays.copyOf(wire, wire.length + 3));
    }

    @Test
    void unknownVersionIsRejected() {
        byte[] wire = Codec.encode(SAMPLES.prepare(0, 1, D, 1));
        wire[0] = 2;
        assertRejected(UNSUPPORTED_VERSION, "version", wire);
    }

    @Test
    void unknownTagIsRejected() {
        assertRejected(UNKNOWN_TAG, "tag", WireBytes.start().i8(11).toBytes());
        assertRejected(UNKNOWN_TAG, "tag", WireBytes.start().i8(0).toBytes());
        // The batch-digest tag is not a message.
        assertRejected(UNKNOWN_TAG, "tag", WireBytes.start().i8(0x40).i32(0).toBytes());
    }

    @Test
    void typedDecodeRejectsAnotherType() {
        byte[] commit = Codec.encode(SAMPLES.sign(new Commit(0, 1, D, 1)));
        DecodeException e = assertThrows(DecodeException.class, () -> CODEC.decode(commit, Prepare.class));
        assertEquals(WRONG_TYPE, e.reason());
        assertEquals("tag", e.field());
        assertEquals("tag: wrong type: expected PREPARE, found COMMIT", e.getMessage());
    }

    @Test
    void nestedMessageOfTheWrongTypeIsRejected() {
        // A PRE-PREPARE whose batch holds a PREPARE where a REQUEST must be.
        byte[] input = WireBytes.start().i8(2).i64(0).i64(1).digest(D)
                .i32(1).i8(3).i64(0).i64(1).digest(D).i32(1).signature()
                .i32(0).signature().toBytes();
        assertRejected(WRONG_TYPE, "PRE-PREPARE.batch[0].tag", input);
    }

    @Test
    void negativeLengthIsRejected() {
        byte[] batch = WireBytes.start().i8(2).i64(0).i64(1).digest(D).i32(-1).i32(0).signature().toBytes();
        assertRejected(NEGATIVE_LENGTH, "PRE-PREPARE.batch", batch);
        byte[] operation = WireBytes.start().i8(1).i32(0).i64(0).i32(-5).signature().toBytes();
        assertRejected(NEGATIVE_LENGTH, "REQUEST.operation", operation);
        byte[] signature = WireBytes.start().i8(3).i64(0).i64(1).digest(D).i32(1).i32(Integer.MIN_VALUE).toBytes();
        assertRejected(NEGATIVE_LENGTH, "PREPARE.signature", signature);
    }

    @Test
    void batchOverTheBatchSizeLimitIsRejected() {
        Codec oneRequest = new Codec(new Codec.Limits(1 << 20, 1, 16, 1024, 64));
        byte[] wire = Codec.encode(SAMPLES.prePrepare(0, 1, SAMPLES.batch()));
        assertRejected(oneRequest, OVER_LIMIT, "PRE-PREPARE.batch", wire);
    }

    @Test
    void listOverTheListSizeLimitIsRejectedWhereverItIs() {
        Codec twoElements = new Codec(new Codec.Limits(1 << 20, 16, 2, 1024, 64));
        assertRejected(twoElements, OVER_LIMIT, "NEW-VIEW.viewChanges", Codec.encode(SAMPLES.newView(1)));
        assertRejected(twoElements, OVER_LIMIT, "VIEW-CHANGE.checkpointProof", Codec.encode(SAMPLES.viewChange(1, 1)));
    }

    @Test
    void stringOverTheStringLimitIsRejectedWithItsPath() {
        Codec fiveBytes = new Codec(new Codec.Limits(1 << 20, 16, 16, 5, 64));
        assertRejected(fiveBytes, OVER_LIMIT, "NEW-VIEW.viewChanges[0].prepared[0].prePrepare.batch[0].operation",
                Codec.encode(SAMPLES.newView(1)));
    }

    @Test
    void signatureOverTheSignatureLimitIsRejected() {
        Codec shortSignatures = new Codec(new Codec.Limits(1 << 20, 16, 16, 64, 8));
        assertRejected(shortSignatures, OVER_LIMIT, "PREPARE.signature",
                Codec.encode(SAMPLES.prepare(0, 1, D, 1)));
    }

    @Test
    void inputOverTheMessageSizeLimitIsRejectedBeforeDecoding() {
        byte[] wire = Codec.encode(SAMPLES.newView(1));
        Codec tooSmall = new Codec(new Codec.Limits(wire.length - 1, 16, 16, 64, 64));
        assertRejected(tooSmall, OVER_LIMIT, "message", wire);
        Codec justEnough = new Codec(new Codec.Limits(wire.length, 16, 16, 64, 64));
        assertEquals(SAMPLES.newView(1), assertDoesNotThrow(justEnough, wire));
    }

    private static Signed<? extends Message> assertDoesNotThrow(Codec codec, byte[] wire) {
        try {
            return codec.decode(wire);
        } catch (DecodeException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void hugeClaimedLengthsAreTruncationNotAllocation() {
        // With no limits to stop them, lengths are still checked against the bytes that remain.
        Codec unlimited = new Codec(new Codec.Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertRejected(unlimited, TRUNCATED, "REQUEST.operation",
                WireBytes.start().i8(1).i32(0).i64(0).i32(Integer.MAX_VALUE).toBytes());
        assertRejected(unlimited, TRUNCATED, "NEW-VIEW.viewChanges",
                WireBytes.start().i8(7).i64(0).i32(Integer.MAX_VALUE).toBytes());
        assertRejected(unlimited, TRUNCATED, "PREPARE.signature",
                WireBytes.start().i8(3).i64(0).i64(1).digest(D).i32(1).i32(Integer.MAX_VALUE).toBytes());
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[][] invalid = {
                {(byte) 0xc3, 0x28},                      // a lead byte without its continuation
                {(byte) 0xc0, (byte) 0x80},               // overlong NUL (modified UTF-8)
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80},  // an encoded surrogate (CESU-8)
                {(byte) 0xff},
        };
        for (byte[] utf8 : invalid) {
            byte[] request = WireBytes.start().i8(1).i32(0).i64(0).i32(utf8.length).raw(utf8).signature().toBytes();
            assertRejected(INVALID_UTF8, "REQUEST.operation", request);
            byte[] reply = WireBytes.start().i8(8).i64(0).i64(0).i32(0).i32(utf8.length).raw(utf8).i32(0)
                    .signature().toBytes();
            assertRejected(INVALID_UTF8, "REPLY.result", reply);
        }
    }

    @Test
    void valuesTheRecordRejectsAreInvalid() {
        byte[] zeroN = WireBytes.start().i8(3).i64(0).i64(0).digest(D).i32(1).signature().toBytes();
        DecodeException e = rejected(CODEC, zeroN);
        assertEquals(INVALID_VALUE, e.reason());
        assertEquals("PREPARE", e.field());
        assertEquals("PREPARE: invalid value: n must be >= 1: 0", e.getMessage());
        byte[] negativeClient = WireBytes.start().i8(1).i32(-1).i64(0).string("op").signature().toBytes();
        assertRejected(INVALID_VALUE, "REQUEST", negativeClient);
    }

    @Test
    void invalidNestedValueIsNamedByItsPath() {
        // A VIEW-CHANGE whose second checkpoint in the proof names replica -1.
        byte[] input = WireBytes.start().i8(6).i64(1).i64(2)
                .i32(2)
                .i8(5).i64(2).digest(D).i32(0).signature()
                .i8(5).i64(2).digest(D).i32(-1).signature()
                .i32(0).i32(1).signature().toBytes();
        assertRejected(INVALID_VALUE, "VIEW-CHANGE.checkpointProof[1]", input);
    }

    @Test
    void truncationDeepInsideANewViewNamesTheField() {
        // Cut the input just inside the first request operation of the first certificate of V's first entry.
        byte[] wire = Codec.encode(SAMPLES.newView(1));
        byte[] operation = "put x 1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(wire, operation);
        assertRejected(TRUNCATED, "NEW-VIEW.viewChanges[0].prepared[0].prePrepare.batch[0].operation",
                Arrays.copyOf(wire, at + 2));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /**
     * Totality and canonicity at once: whatever is done to valid bytes, decoding either throws DecodeException
     * (nothing else) or yields a message whose encoding is exactly those bytes.
     */
    @Test
    void everyMutationIsRejectedOrReencodesToTheSameBytes() {
        Random random = new Random(20240601);
        List<Codec> codecs = List.of(CODEC, new Codec(new Codec.Limits(1 << 16, 2, 3, 16, 40)));
        int decoded = 0;
        for (Signed<? extends Message> signed : SAMPLES.all()) {
            byte[] wire = Codec.encode(signed);
            for (int i = 0; i < 1500; i++) {
                byte[] mutated = mutate(wire, random);
                for (Codec codec : codecs) {
                    try {
                        Signed<? extends Message> result = codec.decode(mutated);
                        assertArrayEquals(mutated, Codec.encode(result));
                        decoded++;
                    } catch (DecodeException expected) {
                        assertFalse(expected.getMessage().contains("\n"));
                    }
                }
            }
        }
        assertTrue(decoded > 0, "some mutations (of signature bytes, say) still decode");
    }

    private static byte[] mutate(byte[] wire, Random random) {
        byte[] b = wire.clone();
        int at = random.nextInt(b.length);
        switch (random.nextInt(5)) {
            case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> b[at] = (byte) random.nextInt(256);
            case 2 -> {
                // Overwrite four bytes with a length-like value: the edges a hostile sender would try.
                int[] edges = {-1, 0, 1, 2, 255, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE};
                int value = edges[random.nextInt(edges.length)];
                for (int k = 0; k < 4 && at + k < b.length; k++) {
                    b[at + k] = (byte) (value >>> (24 - 8 * k));
                }
            }
            case 3 -> {
                byte[] shorter = new byte[b.length - 1];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                return shorter;
            }
            default -> {
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(b, at, longer, at + 1, b.length - at);
                return longer;
            }
        }
        return b;
    }
}
