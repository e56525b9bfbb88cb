package org.bftref.impl.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#REPLAY}: honest, but after some steps (by choice) it sets an alarm, and when it rings it
 * re-sends one to three messages it sent or received earlier, verbatim, to chosen replicas, preferring
 * messages of views older than its own. It cannot re-sign others' messages, and need not: their signatures
 * still verify. Old messages must be recognised as such (duplicates, wrong view, stale) and change nothing.
 */
final class ReplayNode extends Deviant {

    private final Deque<Signed<? extends Message>> history = new ArrayDeque<>();

    ReplayNode() {
        super(Strategy.REPLAY);
    }

    @Override
    protected void observe(Signed<? extends Message> message) {
        remember(history, message);
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        remember(history, message);
        env.broadcast(message);
    }

    @Override
    protected void outSend(Principal to, Signed<? extends Message> message) {
        if (to instanceof Principal.Replica) {
            remember(history, message); // replies are for clients; replaying them to replicas says nothing
        }
        env.send(to, message);
    }

    @Override
    protected void afterStep() {
        if (env.choices().chance(10)) {
            env.wakeAfter(env.choices().between(1, 2 * env.config().viewChangeTimeoutMillis()), 0);
        }
    }

    @Override
    public void wake(Env env, int tag) {
        List<Signed<? extends Message>> all = list(history);
        if (all.isEmpty()) {
            return;
        }
        long view = core.view();
        List<Signed<? extends Message>> older = all.stream().filter(s -> {
            long v = Forge.viewOf(s.message());
            return v >= 0 && v < view;
        }).toList();
        List<Signed<? extends Message>> pool = older.isEmpty() ? all : older;
        int count = 1 + env.choices().nextInt(3);
        for (int i = 0; i < count; i++) {
            Signed<? extends Message> old = pool.get(env.choices().pick(pool.size()));
            List<Integer> others = env.others();
            env.sendToReplica(others.get(env.choices().pick(others.size())), old);
            note(older.isEmpty() ? "replayed" : "replayed-older-view");
        }
    }
}
