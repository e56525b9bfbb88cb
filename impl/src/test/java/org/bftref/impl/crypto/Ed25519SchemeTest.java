package org.bftref.impl.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.bftref.impl.message.Signature;
import org.junit.jupiter.api.Test;

class Ed25519SchemeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void secretIsTheRfc8032PrivateKey() {
        // RFC 8032 section 7.1, TEST 1: the keys are the standard's, so signatures check with any Ed25519.
        byte[] secret = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        SignatureScheme.Keys keys = SignatureScheme.ED25519.keys(secret);
        Signature signature = keys.signingKey().sign(new byte[0]);
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                + "d25bf5f0595bbe24655141438e7a100b", HEX.formatHex(signature.bytes()));
        assertTrue(keys.verifyingKey().verify(new byte[0], signature));
    }
}
