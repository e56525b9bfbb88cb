package org.bftref.impl.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bftref.impl.core.Service;
import org.bftref.impl.message.Digest;

/**
 * The simulator's replicated service: its state is the ordered list of operations applied. Each result names
 * the operation, its position in the list and a hash chained over every operation before it
 * ({@code "c0-op1@1:3f2a9c01"}), so a result depends on the whole history: replicas that executed different
 * sequences give different results, and a client sees f+1 matching replies only from replicas that agree.
 * Equal histories have equal snapshots.
 */
public final class LogService implements Service {

    private static final byte[] NO_HISTORY = new byte[32];

    private final List<String> applied = new ArrayList<>();
    /** SHA-256 chained over the operations applied, oldest first: what the results show of the history. */
    private byte[] chain = NO_HISTORY;
    /**
     * The operations in snapshot form (length, UTF-8), appended as they are applied, so a snapshot copies bytes
     * instead of encoding the whole history again at every checkpoint.
     */
    private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();

    @Override
    public String apply(int client, String operation) {
        applied.add(operation);
        chain = extend(chain, operation);
        encode(operation);
        return operation + "@" + applied.size() + ":" + HexFormat.of().formatHex(chain, 0, 4);
    }

    private static byte[] extend(byte[] chain, String operation) {
        MessageDigest sha = Digest.sha256();
        sha.update(chain);
        sha.update(operation.getBytes(StandardCharsets.UTF_8));
        return sha.digest();
    }

    /** The operations applied so far, oldest first. */
    public List<String> applied() {
        return List.copyOf(applied);
    }

    /** The count of operations, then each as its length and UTF-8 bytes. */
    @Override
    public byte[] snapshot() {
        byte[] ops = encoded.toByteArray();
        return java.nio.ByteBuffer.allocate(4 + ops.length).putInt(applied.size()).put(ops).array();
    }

    private void encode(String operation) {
        byte[] utf8 = operation.getBytes(StandardCharsets.UTF_8);
        encoded.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(utf8.length).array());
        encoded.writeBytes(utf8);
    }

    @Override
    public void restore(byte[] snapshot) {
        List<String> ops = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int count = in.readInt();
            if (count < 0) {
                throw new IllegalArgumentException("not a LogService snapshot: negative count " + count);
            }
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IllegalArgumentException("not a LogService snapshot: operation " + i + " has length " + length);
                }
                ops.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("not a LogService snapshot: " + in.available() + " trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a LogService snapshot: " + e.getMessage(), e);
        }
        applied.clear();
        applied.addAll(ops);
        chain = NO_HISTORY;
        encoded.reset();
        for (String op : ops) {
            chain = extend(chain, op);
            encode(op);
        }
    }

    @Override
    public Digest stateDigest() {
        return Digest.of(snapshot());
    }
}
