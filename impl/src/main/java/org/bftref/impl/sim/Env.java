package org.bftref.impl.sim;

import java.util.List;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.Timer;
import org.bftref.impl.crypto.Signer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * What a Byzantine replica's node sees of the simulation: its own identity and key, the clock, the choices,
 * and the network (which applies the same faults to its messages as to everyone's). It holds no other
 * principal's key, so a strategy can forge only what the fault model allows.
 */
interface Env {

    long now();

    Choices choices();

    Scenario scenario();

    Config config();

    /** This replica's id. */
    int id();

    /** This replica's own signer; the only key a strategy holds. */
    Signer signer();

    /** Every replica id but this one, ascending. */
    List<Integer> others();

    /** To every other replica. */
    void broadcast(Signed<? extends Message> message);

    void send(Principal to, Signed<? extends Message> message);

    default void sendToReplica(int replica, Signed<? extends Message> message) {
        send(Principal.replica(replica), message);
    }

    /** Arms (or re-arms) the replica's timer of this kind; an earlier expiry of it no longer counts. */
    void setTimer(Timer timer, long delayMillis);

    void cancelTimer(Timer timer);

    /** Calls the node's {@link Node#wake} with {@code tag} after the delay: a strategy's own alarm clock. */
    void wakeAfter(long delayMillis, int tag);

    /** Counts one deviation, reported as {@code STRATEGY:action} in the result. */
    void note(String action);
}
