package org.bftref.impl.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The codec and the replica log keep digests as bytes: these conversions must lose nothing and hash nothing. */
class DigestTest {

    @Test
    void bytesAndFromBytesAreInversesAndDoNotHash() {
        Digest d = Digest.of("batch");
        byte[] raw = d.bytes();
        assertEquals(Digest.BYTES, raw.length);
        assertEquals(d.hex(), HexFormat.of().formatHex(raw));
        assertEquals(d, Digest.fromBytes(raw));
        assertNotEquals(d, Digest.of(raw), "of(byte[]) hashes; fromBytes does not");
        assertArrayEquals(raw, Digest.fromBytes(raw).bytes());
    }

    @Test
    void fromBytesRefusesAnythingButThirtyTwoBytes() {
        assertThrows(IllegalArgumentException.class, () -> Digest.fromBytes(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Digest.fromBytes(new byte[33]));
    }
}
