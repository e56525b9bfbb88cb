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

    /** A SHA-256 digest is this many bytes (64 hex characters). */
    public static final int BYTES = 32;

    /** The SHA-256 digest of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        try {
            return fromBytes(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static Digest of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The digest whose {@value #BYTES} bytes these are: no hashing (that is {@link #of(byte[])}). The wire codec
     * and the replica log store digests as their bytes, and read them back with this.
     *
     * @throws IllegalArgumentException if there are not {@value #BYTES} bytes
     */
    public static Digest fromBytes(byte[] digest) {
        return new Digest(HexFormat.of().formatHex(digest));
    }

    /** The digest's {@value #BYTES} bytes, as the wire codec and the replica log store it. */
    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
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
