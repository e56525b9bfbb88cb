package org.bftref.impl.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bftref.impl.message.Principal;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    @Test
    void holdsASignerForEveryReplicaAndClientAndNoOneElse() {
        KeyRing ring = KeyRing.fromSeed(SignatureScheme.HMAC_SHA256, 7, 4, 2);
        assertEquals(Principal.replica(3), ring.signer(Principal.replica(3)).principal());
        assertEquals(Principal.client(1), ring.signer(Principal.client(1)).principal());
        assertThrows(IllegalArgumentException.class, () -> ring.signer(Principal.replica(4)));
        assertThrows(IllegalArgumentException.class, () -> ring.signer(Principal.client(2)));
    }

    @Test
    void negativeSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.fromSeed(SignatureScheme.ED25519, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.fromSeed(SignatureScheme.ED25519, 0, 4, -1));
    }
}
