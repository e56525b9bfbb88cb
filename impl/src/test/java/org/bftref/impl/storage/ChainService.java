package org.bftref.impl.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bftref.impl.core.Service;

/**
 * A service whose state stays 40 bytes however long the run: how many operations were applied and a SHA-256
 * chained over them. Equal histories give equal states, different ones different states, and the snapshot
 * (a checkpoint's state record) does not grow, so a long run's log size depends on the storage alone.
 */
final class ChainService implements Service {

    private long count;
    private byte[] chain = new byte[32];

    @Override
    public String apply(int client, String operation) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(chain);
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(client).array());
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            chain = sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        count++;
        return operation + "@" + count + ":" + HexFormat.of().formatHex(chain, 0, 4);
    }

    long count() {
        return count;
    }

    @Override
    public byte[] snapshot() {
        return ByteBuffer.allocate(Long.BYTES + chain.length).putLong(count).put(chain).array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        count = in.getLong();
        chain = new byte[32];
        in.get(chain);
    }
}
