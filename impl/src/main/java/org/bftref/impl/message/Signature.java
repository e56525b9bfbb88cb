package org.bftref.impl.message;

import java.util.Arrays;
import java.util.HexFormat;

/** Signature bytes. A record over byte[] would compare arrays by identity; this compares contents. */
public record Signature(byte[] bytes) {

    public Signature {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(bytes);
        return "sig:" + (hex.length() > 12 ? hex.substring(0, 12) + "..." : hex);
    }
}
