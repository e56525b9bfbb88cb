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

    public static Digest of(byte[] bytes) {
        return ofHash(sha256().digest(bytes));
    }

    /** A fresh SHA-256 hasher, for callers that stream their input instead of collecting it in one array. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The digest whose 32 bytes are {@code hash} (a finished {@link #sha256()}). */
    public static Digest ofHash(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash is 32 bytes: " + hash.length);
        }
        return new Digest(HexFormat.of().formatHex(hash));
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
