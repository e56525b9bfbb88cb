package org.bftref.impl.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * A {@link Transport} inside one process. Each message is encoded with the wire codec once per send (once for
 * all receivers of a broadcast) and the bytes are handed to the receivers' {@link Transport.Inbound}s on the
 * sender's thread, so the receiving side decodes exactly what a TCP peer would: a message that does not survive
 * the codec does not arrive. A broadcast's receivers share one byte array, which nobody modifies.
 *
 * <p>Threads: any thread may send or attach; attachments live in a concurrent map. A message for a principal
 * not attached (a stopped replica) is lost and counted as {@code REPLICA_DOWN}.
 */
public final class InMemoryTransport implements Transport {

    private final int replicas;
    private final Metrics metrics;
    private final Map<Principal, Attachment> attached = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A transport among replicas 0 .. replicas-1 and any number of clients. */
    public InMemoryTransport(int replicas, Metrics metrics) {
        if (replicas < 1) {
            throw new IllegalArgumentException("a transport needs at least one replica: " + replicas);
        }
        this.replicas = replicas;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Link attach(Principal self, Inbound inbound) {
        if (closed) {
            throw new IllegalStateException("the transport is closed");
        }
        Attachment a = new Attachment(self, inbound);
        attached.put(self, a);
        return a;
    }

    /**
     * Hands raw bytes to a principal as if they had come off the wire: the entry point every send ends in, and
     * the one a test uses to inject forged or malformed bytes.
     */
    public void deliver(Principal to, byte[] wire) {
        Attachment a = attached.get(to);
        if (a == null || closed) {
            metrics.drop(Metrics.REPLICA_DOWN);
            return;
        }
        metrics.count(Metrics.MESSAGES_SENT);
        metrics.add(Metrics.BYTES_SENT, wire.length);
        a.inbound.receive(wire);
    }

    @Override
    public void close() {
        closed = true;
        attached.clear();
    }

    private final class Attachment implements Link {
        private final Principal self;
        private final Inbound inbound;

        Attachment(Principal self, Inbound inbound) {
            this.self = Objects.requireNonNull(self, "self");
            this.inbound = Objects.requireNonNull(inbound, "inbound");
        }

        /** Whether this is still the principal's attachment: a restarted replica's old link must fall silent. */
        private boolean live() {
            return !closed && attached.get(self) == this;
        }

        @Override
        public void send(Principal to, Signed<? extends Message> message) {
            if (live()) {
                deliver(to, Codec.encode(message));
            }
        }

        @Override
        public void broadcast(Signed<? extends Message> message) {
            if (!live()) {
                return;
            }
            byte[] wire = Codec.encode(message);
            for (int r = 0; r < replicas; r++) {
                if (!(self instanceof Principal.Replica me && me.id() == r)) {
                    deliver(Principal.replica(r), wire);
                }
            }
        }

        @Override
        public void close() {
            attached.remove(self, this);
        }
    }
}
