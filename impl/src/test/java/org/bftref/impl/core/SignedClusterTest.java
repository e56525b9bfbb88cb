package org.bftref.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core with real signatures and the real wire format: every message it signs decodes and verifies
 * (deeply: batches, certificates, V and O) on the way to the next replica, with both signature schemes.
 */
class SignedClusterTest {

    static List<SignatureScheme> schemes() {
        return List.of(SignatureScheme.ED25519, SignatureScheme.HMAC_SHA256);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void normalCaseAndViewChangeWorkWithRealSignaturesOverTheWire(SignatureScheme scheme) {
        TestCluster cluster = new TestCluster(Config.of(4, 1), KeyRing.fromSeed(scheme, 42, 4, 8));
        cluster.deliver(0, cluster.signedRequest(1, 1, "a"));

        // Then the primary goes silent and the backups replace it; the next request executes in view 1.
        cluster.dropWhen(d -> d.message().signer().equals(Principal.replica(0)) || d.to() == 0);
        cluster.deliverToAll(cluster.signedRequest(1, 2, "b"));
        cluster.expire(1, Timer.REQUEST);
        cluster.expire(2, Timer.REQUEST);

        for (int r = 1; r <= 3; r++) {
            assertEquals(1, cluster.replicas.get(r).view());
            assertEquals(List.of("a", "b"), cluster.services.get(r).applied, "replica " + r);
        }
        assertEquals(List.of("a"), cluster.services.get(0).applied);
        assertEquals(2, cluster.effects(Effect.Broadcast.class).stream()
                .filter(b -> b.message().message() instanceof Message.NewView || b.message().message() instanceof Message.ViewChange)
                .map(b -> b.message().message().getClass()).distinct().count());
    }
}
