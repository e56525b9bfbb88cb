package org.bftref.impl.runtime;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * How principals (replicas and clients) exchange messages. The core never sees a transport: the runtime turns
 * the core's Send and Broadcast effects into calls of a {@link Link}, and hands what arrives, as bytes, to the
 * {@link Inbound} the receiver attached (which decodes and verifies before anything reaches a core).
 *
 * <p>Bytes, not objects, cross the boundary, in both directions of a link: that is what a TCP transport would
 * carry, so swapping {@link InMemoryTransport} for one changes no other class. A TCP implementation would open
 * a listening socket in {@link #attach} (its address from an address book), keep a connection per peer, encode
 * with {@code Codec.encode} and frame each message with its length, and call the Inbound from its reader threads.
 *
 * <p>Delivery is best effort: a message may be lost (the receiver is down, or a queue on the way is full). PBFT
 * tolerates that; nothing here retries.
 *
 * <p>Threads: implementations must allow {@link Link#send} and {@link Link#broadcast} from any thread at once.
 */
public interface Transport extends AutoCloseable {

    /**
     * Receives the wire bytes of every message addressed to one principal. Called by the transport's threads
     * (in memory: the sender's); it must not block, since it would hold up the sender.
     */
    @FunctionalInterface
    interface Inbound {
        void receive(byte[] wire);
    }

    /** How one attached principal sends. */
    interface Link {

        /** To one principal. */
        void send(Principal to, Signed<? extends Message> message);

        /** To every replica except the sender (a client's broadcast reaches every replica). */
        void broadcast(Signed<? extends Message> message);

        /** Detaches the principal: nothing more is delivered to it, and what it sends from now on is lost. */
        void close();
    }

    /**
     * Attaches a principal: from now on, messages for it are handed to {@code inbound}. A principal attached
     * again (a restarted replica) replaces its earlier attachment, whose link stops working.
     */
    Link attach(Principal self, Inbound inbound);

    /** Detaches everyone and releases the transport's resources (threads, sockets). */
    @Override
    void close();
}
