package org.bftref.impl.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.bftref.impl.core.Effect;
import org.bftref.impl.core.Input;
import org.bftref.impl.core.Replica;
import org.bftref.impl.core.Timer;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * A Byzantine replica built on the honest core, run with the faulty replica's own key: it follows the protocol
 * except where its subclass transforms what the core sends. Following the protocol elsewhere is what makes such
 * a replica dangerous (its votes count, it joins view changes) and keeps the runs it is in interesting.
 *
 * <p>The core's executions, drops and trace events are not reported: only honest replicas' are.
 */
abstract class Deviant implements Node {

    private static final int REMEMBERED = 64;

    protected final Strategy strategy;
    protected Env env;
    protected Replica core;
    /** Client requests this replica received lately, for strategies that need a real one to misuse. */
    protected final Deque<Signed<Message.Request>> seenRequests = new ArrayDeque<>();

    Deviant(Strategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public void start(Env env) {
        this.env = env;
        this.core = new Replica(env.config(), env.id(), env.signer()::sign, Codec::batchDigest, new LogService());
        forward(core.start());
    }

    @Override
    public void deliver(Env env, Signed<? extends Message> message) {
        if (message.message() instanceof Message.Request) {
            remember(seenRequests, cast(message));
        }
        observe(message);
        forward(core.step(new Input.Deliver(message)));
        afterStep();
    }

    @Override
    public void timerExpired(Env env, Timer timer) {
        forward(core.step(new Input.TimerExpired(timer)));
        afterStep();
    }

    /** Performs the core's effects, letting the subclass transform each send. */
    protected void forward(List<Effect> effects) {
        for (Effect e : effects) {
            if (e instanceof Effect.Broadcast b) {
                outBroadcast(b.message());
            } else if (e instanceof Effect.Send s) {
                outSend(s.to(), s.message());
            } else if (e instanceof Effect.SetTimer t) {
                env.setTimer(t.timer(), t.delayMillis());
            } else if (e instanceof Effect.CancelTimer c) {
                env.cancelTimer(c.timer());
            }
            // Persist: a faulty replica keeps no promises. Executed, Dropped, Traced: honest replicas only.
        }
    }

    /** What the core multicasts; honest by default. */
    protected void outBroadcast(Signed<? extends Message> message) {
        env.broadcast(message);
    }

    /** What the core sends to one principal; honest by default. */
    protected void outSend(Principal to, Signed<? extends Message> message) {
        env.send(to, message);
    }

    /** Sees each verified message before the core does. */
    protected void observe(Signed<? extends Message> message) {
    }

    /** Runs after each delivery or timer step: where unprompted deviations happen. */
    protected void afterStep() {
    }

    protected void note(String action) {
        env.note(action);
    }

    protected <M extends Message> Signed<M> sign(M message) {
        return env.signer().sign(message);
    }

    /** A bounded memory of recent things, oldest dropped first, so a long run cannot grow it. */
    protected static <T> void remember(Deque<T> memory, T item) {
        if (memory.size() == REMEMBERED) {
            memory.removeFirst();
        }
        memory.addLast(item);
    }

    protected static <T> List<T> list(Deque<T> memory) {
        return new ArrayList<>(memory);
    }

    @SuppressWarnings("unchecked")
    protected static <M extends Message> Signed<M> cast(Signed<? extends Message> signed) {
        return (Signed<M>) signed;
    }
}
