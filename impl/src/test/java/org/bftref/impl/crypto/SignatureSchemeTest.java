package org.bftref.impl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.NewView;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.PreparedCertificate;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same guarantees from every scheme: whatever the simulator runs with, forgeries fail the same way. Messages
 * are verified as replica 0 receives them (the MAC scheme's verifiers depend on the receiver; the signature
 * schemes' do not), replies as their client does.
 */
class SignatureSchemeTest {

    private static final Digest D = Digest.of("batch");
    private static final Principal VIEWER = Principal.replica(0);

    static Stream<SignatureScheme> schemes() {
        return Stream.of(SignatureScheme.ED25519, SignatureScheme.HMAC_SHA256, SignatureScheme.ED25519_MAC);
    }

    /** Who receives the message: a reply's client, replica 0 for everything else. */
    private static Principal receiver(Signed<? extends Message> signed) {
        return signed.message() instanceof Message.Reply r ? Principal.client(r.client()) : VIEWER;
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void everyMessageTypeSignedByItsSignerVerifiesShallowAndDeep(SignatureScheme scheme) {
        SampleMessages samples = SampleMessages.withScheme(scheme);
        for (Signed<? extends Message> signed : samples.all()) {
            Verifier verifier = samples.ring().verifier(receiver(signed));
            assertTrue(verifier.verify(signed), signed.message().getClass().getSimpleName());
            assertTrue(verifier.verifyDeep(signed), signed.message().getClass().getSimpleName());
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void flippingAnyBitOfTheMessageFailsVerification(SignatureScheme scheme) {
        SampleMessages samples = SampleMessages.withScheme(scheme);
        Verifier verifier = samples.ring().verifier(VIEWER);
        Codec codec = new Codec();
        // The PRE-PREPARE's bytes include its batch's requests and their signatures, which its signature covers.
        for (Signed<?> signed : List.of(samples.prepare(0, 1, D, 1), samples.prePrepare(0, 1, samples.batch()))) {
            byte[] wire = Codec.encode(signed);
            int messageBytes = Codec.signingBytes(signed.message()).length;
            for (int bit = 0; bit < messageBytes * 8; bit++) {
                byte[] flipped = wire.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                Signed<?> decoded;
                try {
                    decoded = codec.decode(flipped);
                } catch (DecodeException e) {
                    continue; // not even a message
                }
                assertFalse(verifier.verify(decoded), "bit " + bit + " flipped still verifies: " + decoded);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void flippingAnyBitOfTheSignatureFailsVerification(SignatureScheme scheme) {
        SampleMessages samples = SampleMessages.withScheme(scheme);
        Signed<Prepare> signed = samples.prepare(0, 1, D, 1);
        byte[] signature = signed.signature().bytes();
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(samples.ring().verifier(VIEWER).verify(new Signed<>(signed.message(), new Signature(flipped))),
                    "bit " + bit);
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void malformedOrPaddedSignatureBytesFailWithoutThrowing(SignatureScheme scheme) {
        SampleMessages samples = SampleMessages.withScheme(scheme);
        Signed<Prepare> signed = samples.prepare(0, 1, D, 1);
        byte[] signature = signed.signature().bytes();
        // A valid signature followed by a zero byte is the case a lax Ed25519 verifier (JDK 17's) accepts.
        for (byte[] bad : List.of(new byte[0], Arrays.copyOf(signature, signature.length - 1),
                Arrays.copyOf(signature, signature.length + 1), Arrays.copyOf(signature, signature.length + 8),
                new byte[1000])) {
            assertFalse(samples.ring().verifier(VIEWER).verify(new Signed<>(signed.message(), new Signature(bad))));
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void malformedOrPaddedRequestSignaturesFailWithoutThrowing(SignatureScheme scheme) {
        // Requests are where the MAC scheme differs (an authenticator, not a signature): the same guarantee.
        SampleMessages samples = SampleMessages.withScheme(scheme);
        Signed<Request> signed = samples.request(0, 1, "op");
        byte[] signature = signed.signature().bytes();
        for (byte[] bad : List.of(new byte[0], Arrays.copyOf(signature, signature.length - 1),
                Arrays.copyOf(signature, signature.length + 1), new byte[1000])) {
            assertFalse(samples.ring().verifier(VIEWER).verify(new Signed<>(signed.message(), new Signature(bad))));
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void signatureByAnotherKeyFails(SignatureScheme scheme) {
        // An impostor: a key ring from another seed signs as replica 1.
        SampleMessages honest = SampleMessages.withScheme(scheme);
        KeyRing impostor = KeyRing.fromSeed(scheme, 43, SampleMessages.REPLICAS, SampleMessages.CLIENTS);
        Signed<Prepare> forged = impostor.signer(Principal.replica(1)).sign(new Prepare(0, 1, D, 1));
        assertFalse(honest.ring().verifier(VIEWER).verify(forged));
        assertTrue(impostor.verifier(VIEWER).verify(forged));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void signatureOfAnotherPrincipalOverTheSameBytesFails(SignatureScheme scheme) {
        byte[] bytes = Codec.signingBytes(new Prepare(0, 1, D, 1));
        SignatureScheme.Keys one = scheme.keys(secret(1));
        SignatureScheme.Keys two = scheme.keys(secret(2));
        Signature byTwo = two.signingKey().sign(bytes);
        assertTrue(two.verifyingKey().verify(bytes, byTwo));
        assertFalse(one.verifyingKey().verify(bytes, byTwo));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void messageReattributedToAnotherSignerFails(SignatureScheme scheme) {
        SampleMessages samples = SampleMessages.withScheme(scheme);
        Signed<Prepare> byOne = samples.prepare(0, 1, D, 1);
        Signed<Prepare> claimedByTwo = new Signed<>(new Prepare(0, 1, D, 2), byOne.signature());
        assertFalse(samples.ring().verifier(VIEWER).verify(claimedByTwo));
        Signed<Request> request = samples.request(0, 1, "op");
        assertFalse(samples.ring().verifier(VIEWER).verify(new Signed<>(new Request(1, 1, "op"), request.signature())));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void signatureDoesNotCarryOverToAnotherMessageTypeWithTheSameFields(SignatureScheme scheme) {
        SampleMessages samples = SampleMessages.withScheme(scheme);
        Signed<Prepare> prepare = samples.prepare(0, 1, D, 1);
        assertFalse(samples.ring().verifier(VIEWER).verify(new Signed<>(new Commit(0, 1, D, 1), prepare.signature())));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void signerWithoutAKeyInTheRingFails(SignatureScheme scheme) {
        SampleMessages samples = SampleMessages.withScheme(scheme);
        Signature any = samples.prepare(0, 1, D, 1).signature();
        assertFalse(samples.ring().verifier(VIEWER).verify(new Signed<>(new Prepare(0, 1, D, SampleMessages.REPLICAS), any)));
        assertFalse(samples.ring().verifier(VIEWER).verify(new Signed<>(new Request(SampleMessages.CLIENTS, 1, "op"), any)));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void signerRefusesToSignForAnotherPrincipal(SignatureScheme scheme) {
        Signer one = SampleMessages.withScheme(scheme).ring().signer(Principal.replica(1));
        assertThrows(IllegalArgumentException.class, () -> one.sign(new Prepare(0, 1, D, 2)));
        assertThrows(IllegalArgumentException.class, () -> one.sign(new Request(1, 1, "op")));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void sameSeedGivesTheSameKeysAndSignatures(SignatureScheme scheme) {
        SampleMessages a = SampleMessages.withScheme(scheme);
        SampleMessages b = SampleMessages.withScheme(scheme);
        Signed<NewView> fromA = a.newView(1);
        Signed<NewView> fromB = b.newView(1);
        assertArrayEquals(Codec.encode(fromA), Codec.encode(fromB));
        assertTrue(b.ring().verifier(VIEWER).verifyDeep(fromA));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void differentSeedsGiveDifferentKeys(SignatureScheme scheme) {
        Prepare p = new Prepare(0, 1, D, 1);
        Signed<Prepare> a = KeyRing.fromSeed(scheme, 1, 4, 0).signer(Principal.replica(1)).sign(p);
        Signed<Prepare> b = KeyRing.fromSeed(scheme, 2, 4, 0).signer(Principal.replica(1)).sign(p);
        assertNotEquals(a.signature(), b.signature());
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void nestedBadSignaturesAreCaughtOnlyByDeepVerification(SignatureScheme scheme) {
        SampleMessages s = SampleMessages.withScheme(scheme);
        Verifier verifier = s.ring().verifier(VIEWER);
        PrePrepare pp = s.prePrepare(0, 1, s.batch()).message();
        ViewChange vc = s.viewChange(1, 1).message();
        NewView nv = s.newView(1).message();
        UnaryOperator<PreparedCertificate> badPrepare =
                c -> new PreparedCertificate(c.prePrepare(), replace(c.prepares(), 0, bad(c.prepares().get(0))));
        UnaryOperator<Signed<PrePrepare>> badRequest =
                signed -> s.sign(withBatch(signed.message(), b -> replace(b, 0, bad(b.get(0)))));
        List<Signed<? extends Message>> tampered = List.of(
                // a client request in a PRE-PREPARE's batch
                s.sign(withBatch(pp, b -> replace(b, 1, bad(b.get(1))))),
                // a VIEW-CHANGE's checkpoint proof
                s.sign(withProof(vc, p -> replace(p, 2, bad(p.get(2))))),
                // a prepared certificate's PRE-PREPARE and one of its PREPAREs
                s.sign(withCertificate(vc, 0, c -> new PreparedCertificate(bad(c.prePrepare()), c.prepares()))),
                s.sign(withCertificate(vc, 1, badPrepare)),
                // a NEW-VIEW's V: a VIEW-CHANGE itself, and a PREPARE three levels down
                s.sign(withViewChanges(nv, v -> replace(v, 2, bad(v.get(2))))),
                s.sign(withViewChanges(nv, v -> replace(v, 0, s.sign(withCertificate(v.get(0).message(), 0,
                        badPrepare))))),
                // a NEW-VIEW's O: a PRE-PREPARE
                s.sign(withPrePrepares(nv, o -> replace(o, 1, bad(o.get(1))))));
        for (Signed<? extends Message> signed : tampered) {
            assertTrue(verifier.verify(signed), "the envelope itself is honestly signed");
            assertFalse(verifier.verifyDeep(signed), "deep verification misses a bad signature in " + signed);
        }
        // Requests inside certificates: checked like any nested signature under the signature schemes; under
        // the MAC scheme the certificate vouches for them (MacAuthenticatorScheme says why), so they pass.
        List<Signed<? extends Message>> requestsInCertificates = List.of(
                s.sign(withCertificate(vc, 0, c -> new PreparedCertificate(badRequest.apply(c.prePrepare()),
                        c.prepares()))),
                s.sign(withPrePrepares(nv, o -> replace(o, 0, badRequest.apply(o.get(0))))));
        for (Signed<? extends Message> signed : requestsInCertificates) {
            assertTrue(verifier.verify(signed), "the envelope itself is honestly signed");
            assertEquals(scheme != SignatureScheme.ED25519_MAC, !verifier.verifyDeep(signed), signed.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void certificateWithABadPrepareFailsDeepVerification(SignatureScheme scheme) {
        SampleMessages s = SampleMessages.withScheme(scheme);
        PreparedCertificate good = s.certificate(0, 1, s.batch());
        assertTrue(s.ring().verifier(VIEWER).verifyDeep(good));
        PreparedCertificate bad = new PreparedCertificate(good.prePrepare(),
                replace(good.prepares(), 0, bad(good.prepares().get(0))));
        assertFalse(s.ring().verifier(VIEWER).verifyDeep(bad));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void secretOfTheWrongLengthIsRefused(SignatureScheme scheme) {
        assertThrows(IllegalArgumentException.class, () -> scheme.keys(new byte[SignatureScheme.SECRET_BYTES - 1]));
        assertThrows(IllegalArgumentException.class, () -> scheme.keys(new byte[SignatureScheme.SECRET_BYTES + 1]));
    }

    static byte[] secret(int b) {
        byte[] secret = new byte[SignatureScheme.SECRET_BYTES];
        Arrays.fill(secret, (byte) b);
        return secret;
    }

    private static <M extends Message> Signed<M> bad(Signed<M> signed) {
        byte[] bytes = signed.signature().bytes();
        bytes[0] ^= 1;
        return new Signed<>(signed.message(), new Signature(bytes));
    }

    private static <T> List<T> replace(List<T> list, int index, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.set(index, element);
        return copy;
    }

    private static PrePrepare withBatch(PrePrepare pp, UnaryOperator<List<Signed<Request>>> change) {
        return new PrePrepare(pp.v(), pp.n(), pp.d(), change.apply(pp.batch()), pp.primary());
    }

    private static ViewChange withProof(ViewChange vc, UnaryOperator<List<Signed<Checkpoint>>> change) {
        return new ViewChange(vc.v(), vc.stableN(), change.apply(vc.checkpointProof()), vc.prepared(), vc.r());
    }

    private static ViewChange withCertificate(ViewChange vc, int index, UnaryOperator<PreparedCertificate> change) {
        return new ViewChange(vc.v(), vc.stableN(), vc.checkpointProof(),
                replace(vc.prepared(), index, change.apply(vc.prepared().get(index))), vc.r());
    }

    private static NewView withViewChanges(NewView nv, UnaryOperator<List<Signed<ViewChange>>> change) {
        return new NewView(nv.v(), change.apply(nv.viewChanges()), nv.prePrepares(), nv.primary());
    }

    private static NewView withPrePrepares(NewView nv, UnaryOperator<List<Signed<PrePrepare>>> change) {
        return new NewView(nv.v(), nv.viewChanges(), change.apply(nv.prePrepares()), nv.primary());
    }

    @Test
    void eachNameChoosesItsOwnSchemeAndOnlyTheLooseLookupForgivesCaseAndAliases() {
        assertEquals(SignatureScheme.HMAC_SHA256, SignatureScheme.named("hmac"));
        assertEquals(SignatureScheme.ED25519, SignatureScheme.named("ed25519"));
        assertEquals(SignatureScheme.ED25519_MAC, SignatureScheme.named("ed25519-mac"));
        assertEquals(SignatureScheme.NAMES.size(), SignatureScheme.NAMES.stream().map(SignatureScheme::named)
                .distinct().count(), "every name its own scheme");
        // Scenario files hold the canonical spelling only.
        assertNull(SignatureScheme.named("HMAC"));
        assertNull(SignatureScheme.named("hmac-sha256"));
        assertNull(SignatureScheme.named("rsa"));
        assertNull(SignatureScheme.named(null));
        // What bftref run --scheme has always taken.
        assertEquals(SignatureScheme.ED25519_MAC, SignatureScheme.namedLoosely("Ed25519-MAC"));
        assertEquals(SignatureScheme.HMAC_SHA256, SignatureScheme.namedLoosely("HMAC-SHA256"));
        assertEquals(SignatureScheme.HMAC_SHA256, SignatureScheme.namedLoosely("hmacsha256"));
        assertNull(SignatureScheme.namedLoosely("mac"));
    }
}
