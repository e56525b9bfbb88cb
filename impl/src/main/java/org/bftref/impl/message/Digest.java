package org.bftref.impl.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest, kept as lower-case hex so that it reads the same in traces, logs and tests. In PBFT the
 * pre-prepare, prepare and commit messages carry the digest of the request batch, not the batch itself.
 */
public record Digest(String hex) implements Comparable<Digest> {

    public Digest {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a digest is 64 lower-case hex characters: " + hex);
        }
    }

    public static Digest of(byte[] bytes) {
        try {
            return new Digest(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static Digest of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first 8 hex digits, for humans. */
    public String shortHex() {
        return hex.substring(0, 8);
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return shortHex();
    }
}
