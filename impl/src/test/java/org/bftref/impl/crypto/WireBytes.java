package org.bftref.impl.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bftref.impl.message.Digest;

/** Writes wire bytes field by field, to build inputs the encoder would never produce. */
final class WireBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    static WireBytes start() {
        return new WireBytes().i8(Codec.FORMAT_VERSION);
    }

    WireBytes i8(int b) {
        return write(() -> out.writeByte(b));
    }

    WireBytes i32(int i) {
        return write(() -> out.writeInt(i));
    }

    WireBytes i64(long l) {
        return write(() -> out.writeLong(l));
    }

    WireBytes raw(byte... b) {
        return write(() -> out.write(b));
    }

    WireBytes digest(Digest d) {
        return raw(HexFormat.of().parseHex(d.hex()));
    }

    WireBytes string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return i32(utf8.length).raw(utf8);
    }

    WireBytes signature() {
        return i32(2).raw((byte) 7, (byte) 8);
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private WireBytes write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
