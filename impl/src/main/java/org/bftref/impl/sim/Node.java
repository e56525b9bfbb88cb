package org.bftref.impl.sim;

import org.bftref.impl.core.Timer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/**
 * A Byzantine replica (or one twin of it) in the event loop. The simulator hands it only messages whose
 * signatures verified, as it does for honest replicas; what it sends goes through the same network.
 */
interface Node {

    /** Called once at virtual time 0, before anything is delivered. */
    void start(Env env);

    void deliver(Env env, Signed<? extends Message> message);

    void timerExpired(Env env, Timer timer);

    /** An alarm the node set with {@link Env#wakeAfter}. */
    default void wake(Env env, int tag) {
    }
}
