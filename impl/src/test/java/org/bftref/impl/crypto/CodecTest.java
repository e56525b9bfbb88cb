package org.bftref.impl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.NewView;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecTest {

    private static final SampleMessages SAMPLES = SampleMessages.withScheme(SignatureScheme.HMAC_SHA256);
    private final Codec codec = new Codec();

    static Stream<Signed<? extends Message>> everyMessageType() {
        return SAMPLES.all().stream();
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void everyMessageTypeRoundTrips(Signed<? extends Message> signed) throws DecodeException {
        byte[] wire = Codec.encode(signed);
        assertEquals(signed, codec.decode(wire));
        assertEquals(signed, codec.decode(wire, signed.message().getClass()));
    }

    @Test
    void viewChangeRoundTripsWithCheckpointProofAndPreparedCertificates() throws DecodeException {
        Signed<ViewChange> vc = SAMPLES.viewChange(2, 1);
        Signed<ViewChange> decoded = codec.decode(Codec.encode(vc), ViewChange.class);
        assertEquals(3, decoded.message().checkpointProof().size());
        assertEquals(2, decoded.message().prepared().size());
        assertEquals(vc.message().prepared().get(0).prepares().get(1).signature(),
                decoded.message().prepared().get(0).prepares().get(1).signature());
        assertEquals(vc, decoded);
    }

    @Test
    void newViewRoundTripsWithViewChangesAndNullAndNonNullPrePrepares() throws DecodeException {
        Signed<NewView> nv = SAMPLES.newView(5);
        Signed<NewView> decoded = codec.decode(Codec.encode(nv), NewView.class);
        assertEquals(3, decoded.message().viewChanges().size());
        assertEquals(List.of(false, true),
                decoded.message().prePrepares().stream().map(pp -> pp.message().isNull()).toList());
        assertEquals(nv, decoded);
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void encodingIsDeterministic(Signed<? extends Message> signed) {
        assertArrayEquals(Codec.encode(signed), Codec.encode(signed));
        assertArrayEquals(Codec.signingBytes(signed.message()), Codec.signingBytes(signed.message()));
    }

    @Test
    void equalMessagesBuiltSeparatelyEncodeToTheSameBytes() {
        // Same seed, fresh key ring, lists of another implementation class: still the same bytes.
        SampleMessages again = SampleMessages.withScheme(SignatureScheme.HMAC_SHA256);
        Signed<NewView> a = SAMPLES.newView(1);
        NewView m = again.newView(1).message();
        Signed<NewView> b = again.sign(new NewView(m.v(), new ArrayList<>(m.viewChanges()),
                new ArrayList<>(m.prePrepares()), m.primary()));
        assertEquals(a, b);
        assertArrayEquals(Codec.encode(a), Codec.encode(b));
    }

    @Test
    void signingBytesAreTheWireBytesWithoutTheEnvelopeSignature() {
        Signed<PrePrepare> pp = SAMPLES.prePrepare(0, 1, SAMPLES.batch());
        byte[] wire = Codec.encode(pp);
        byte[] signing = Codec.signingBytes(pp.message());
        byte[] signature = pp.signature().bytes();
        assertArrayEquals(signing, Arrays.copyOf(wire, signing.length));
        assertEquals(signing.length + Integer.BYTES + signature.length, wire.length);
        assertArrayEquals(signature, Arrays.copyOfRange(wire, wire.length - signature.length, wire.length));
    }

    @Test
    void prepareLayoutIsPinned() {
        // Protects the format: changing the layout without bumping the version changes what signatures cover.
        Prepare p = new Prepare(1, 2, Digest.of("x"), 3);
        assertEquals("01" + "03" + "0000000000000001" + "0000000000000002"
                        + "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881" + "00000003",
                HexFormat.of().formatHex(Codec.signingBytes(p)));
        assertEquals(Codec.FORMAT_VERSION, Codec.signingBytes(p)[0]);
    }

    @Test
    void requestStringsAreCountedInUtf8Bytes() {
        Request r = new Request(0, 0, "\u00e9");
        assertEquals("01" + "01" + "00000000" + "0000000000000000" + "00000002" + "c3a9",
                HexFormat.of().formatHex(Codec.signingBytes(r)));
    }

    @Test
    void emptyBatchHasTheFixedNullRequestDigest() {
        assertEquals(Codec.NULL_REQUEST_DIGEST, Codec.batchDigest(List.of()));
        // SHA-256 of version 1, tag 0x40, count 0; pinned so that a format change shows up here.
        assertEquals(Digest.of(HexFormat.of().parseHex("014000000000")), Codec.NULL_REQUEST_DIGEST);
        assertEquals(Codec.NULL_REQUEST_DIGEST, SAMPLES.prePrepare(1, 2, List.of()).message().d());
    }

    @Test
    void batchDigestDependsOnTheRequestsAndTheirOrder() {
        List<Signed<Request>> batch = SAMPLES.batch();
        List<Signed<Request>> reversed = List.of(batch.get(1), batch.get(0));
        assertNotEquals(Codec.batchDigest(batch), Codec.batchDigest(reversed));
        assertNotEquals(Codec.batchDigest(batch), Codec.batchDigest(batch.subList(0, 1)));
        assertNotEquals(Codec.NULL_REQUEST_DIGEST, Codec.batchDigest(batch.subList(0, 1)));
    }

    @Test
    void batchDigestCoversRequestsButNotClientSignatures() {
        List<Signed<Request>> batch = SAMPLES.batch();
        List<Signed<Request>> resigned = batch.stream()
                .map(r -> new Signed<>(r.message(), new Signature(new byte[] {1, 2, 3})))
                .toList();
        assertEquals(Codec.batchDigest(batch), Codec.batchDigest(resigned));
    }

    @Test
    void unpairedSurrogateIsRefusedRatherThanSignedAsSomethingElse() {
        Request r = new Request(0, 0, "a\uD800b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codec.signingBytes(r));
        assertEquals("REQUEST.operation is not well-formed Unicode (an unpaired surrogate)", e.getMessage());
    }
}
