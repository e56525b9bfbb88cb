package org.bftref.impl.runtime;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire encodings one receiver has already verified, so that a retransmitted copy (PBFT resends log entries
 * to a peer whose STATUS shows it behind, and clients resend requests) costs a hash lookup instead of a
 * signature check. Sound because verification is a pure function of the bytes: bytes equal to bytes that
 * verified verify again. Only successes are remembered, compared by full content, never by a hash alone.
 *
 * <p>One per receiver, never shared between replicas: in a deployment each replica checks what it receives
 * itself, and an in-process run must not let one replica's check stand for another's.
 *
 * <p>Threads: any verifier thread adds and looks up. Bounded by forgetting everything when full; a racing
 * clear only costs a second check of something, never lets anything through unchecked.
 */
final class VerifiedBytes {

    private final int max;
    private final Set<Key> seen = ConcurrentHashMap.newKeySet();

    VerifiedBytes(int max) {
        this.max = max;
    }

    boolean contains(byte[] wire) {
        return seen.contains(new Key(wire));
    }

    void add(byte[] wire) {
        if (seen.size() >= max) {
            seen.clear();
        }
        seen.add(new Key(wire));
    }

    /** Bytes compared by content; the array is never modified (the transport hands out arrays nobody writes). */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
