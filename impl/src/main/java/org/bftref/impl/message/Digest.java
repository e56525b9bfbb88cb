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
        if (!lowerHex64(hex)) {
            throw new IllegalArgumentException("a digest is 64 lower-case hex characters: " + hex);
        }
    }

    // A loop, not String.matches: that compiles the pattern at every call, and a digest is made for every batch,
    // checkpoint and decoded vote.
    private static boolean lowerHex64(String hex) {
        if (hex == null || hex.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** A SHA-256 digest is this many bytes (64 hex characters). */
    public static final int BYTES = 32;

    /** The SHA-256 digest of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        return fromBytes(sha256().digest(bytes));
    }

    /** A fresh SHA-256 hasher, for callers that stream their input instead of collecting it in one array. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
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
