package org.bftref.impl.crypto;

import static org.bftref.impl.crypto.WireFormat.BATCH;
import static org.bftref.impl.crypto.WireFormat.VERSION;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.NewView;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.PreparedCertificate;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Message.ViewChange;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * Writes the canonical encoding. Every value has exactly one encoding: big-endian fixed-width integers,
 * digests as 32 raw bytes, strings as an int byte count and strict UTF-8, lists as an int count and their
 * elements, record components in declaration order. A nested signed message is its type tag, its fields and
 * its signature (an int byte count and the bytes); the version byte appears once, at the start.
 */
final class WireWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    private WireWriter() {
    }

    /** Version and message: what a signature covers. */
    static byte[] message(Message m) {
        WireWriter w = new WireWriter();
        try {
            w.out.writeByte(VERSION);
            w.body(m);
        } catch (IOException e) {
            throw neverThrown(e);
        }
        return w.bytes.toByteArray();
    }

    /** Version, message and signature: the wire format. */
    static byte[] signed(Signed<?> s) {
        WireWriter w = new WireWriter();
        try {
            w.out.writeByte(VERSION);
            w.signedBody(s);
        } catch (IOException e) {
            throw neverThrown(e);
        }
        return w.bytes.toByteArray();
    }

    /** Version, the BATCH tag and the requests without their signatures: the input of a batch digest. */
    static byte[] batch(List<Signed<Request>> batch) {
        WireWriter w = new WireWriter();
        try {
            w.out.writeByte(VERSION);
            w.out.writeByte(BATCH);
            w.out.writeInt(batch.size());
            for (Signed<Request> r : batch) {
                w.body(r.message());
            }
        } catch (IOException e) {
            throw neverThrown(e);
        }
        return w.bytes.toByteArray();
    }

    private static UncheckedIOException neverThrown(IOException e) {
        return new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }

    private void signedBody(Signed<?> s) throws IOException {
        body(s.message());
        signature(s.signature());
    }

    private void body(Message m) throws IOException {
        out.writeByte(WireFormat.tagOf(m));
        if (m instanceof Request r) {
            out.writeInt(r.client());
            out.writeLong(r.timestamp());
            string(r.operation(), "REQUEST.operation");
        } else if (m instanceof PrePrepare pp) {
            out.writeLong(pp.v());
            out.writeLong(pp.n());
            digest(pp.d());
            signedList(pp.batch());
            out.writeInt(pp.primary());
        } else if (m instanceof Prepare p) {
            out.writeLong(p.v());
            out.writeLong(p.n());
            digest(p.d());
            out.writeInt(p.r());
        } else if (m instanceof Commit c) {
            out.writeLong(c.v());
            out.writeLong(c.n());
            digest(c.d());
            out.writeInt(c.r());
        } else if (m instanceof Checkpoint c) {
            out.writeLong(c.n());
            digest(c.stateDigest());
            out.writeInt(c.r());
        } else if (m instanceof ViewChange vc) {
            out.writeLong(vc.v());
            out.writeLong(vc.stableN());
            signedList(vc.checkpointProof());
            out.writeInt(vc.prepared().size());
            for (PreparedCertificate cert : vc.prepared()) {
                signedBody(cert.prePrepare());
                signedList(cert.prepares());
            }
            out.writeInt(vc.r());
        } else if (m instanceof NewView nv) {
            out.writeLong(nv.v());
            signedList(nv.viewChanges());
            signedList(nv.prePrepares());
            out.writeInt(nv.primary());
        } else if (m instanceof Reply r) {
            out.writeLong(r.v());
            out.writeLong(r.timestamp());
            out.writeInt(r.client());
            string(r.result(), "REPLY.result");
            out.writeInt(r.r());
        } else if (m instanceof Message.Status st) {
            out.writeLong(st.v());
            out.writeBoolean(st.normal());
            out.writeLong(st.lastExecuted());
            out.writeInt(st.r());
        } else if (m instanceof Message.State st) {
            out.writeLong(st.n());
            byte[] snapshot = st.snapshot();
            out.writeInt(snapshot.length);
            out.write(snapshot);
            signedList(st.replies());
            out.writeLong(st.stableN());
            signedList(st.checkpointProof());
            out.writeInt(st.r());
        } else {
            throw new AssertionError("a Message type without an encoding: " + m.getClass());
        }
    }

    private void signedList(List<? extends Signed<?>> list) throws IOException {
        out.writeInt(list.size());
        for (Signed<?> s : list) {
            signedBody(s);
        }
    }

    private void digest(Digest d) throws IOException {
        out.write(d.bytes());
    }

    private void signature(Signature s) throws IOException {
        byte[] b = s.bytes();
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Strict UTF-8: a Java string with an unpaired surrogate has no UTF-8 form, and String.getBytes would
     * silently replace it with '?', so the signed bytes would not be the message's. Refuse it instead.
     */
    private void string(String s, String field) throws IOException {
        byte[] utf8;
        if (!hasSurrogate(s)) {
            // Without surrogates every char has a UTF-8 form and getBytes is exact (and much faster than an
            // encoder per string, which showed in profiles: batch digests encode every request's operation).
            utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
            return;
        }
        try {
            var encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not well-formed Unicode (an unpaired surrogate)", e);
        }
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
