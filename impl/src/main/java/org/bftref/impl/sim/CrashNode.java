package org.bftref.impl.sim;

import org.bftref.impl.core.Timer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#CRASH}: honest until a chosen moment, then silent for good (a crash failure, the mildest
 * Byzantine behaviour). The moment falls within the first ten maximum message delays, where a run is still busy;
 * the choice 0 crashes it at once.
 */
final class CrashNode extends Deviant {

    private long crashAtMillis;
    private boolean crashed;

    CrashNode() {
        super(Strategy.CRASH);
    }

    @Override
    public void start(Env env) {
        crashAtMillis = env.choices().between(0, 10 * Math.max(1, env.scenario().network().maxDelayMillis()));
        this.env = env;
        if (!down()) {
            super.start(env);
        }
    }

    @Override
    public void deliver(Env env, Signed<? extends Message> message) {
        if (!down()) {
            super.deliver(env, message);
        }
    }

    @Override
    public void timerExpired(Env env, Timer timer) {
        if (!down()) {
            super.timerExpired(env, timer);
        }
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        if (!down()) {
            super.outBroadcast(message);
        }
    }

    @Override
    protected void outSend(org.bftref.impl.message.Principal to, Signed<? extends Message> message) {
        if (!down()) {
            super.outSend(to, message);
        }
    }

    private boolean down() {
        if (!crashed && env.now() >= crashAtMillis) {
            crashed = true;
            core = null; // nothing of it survives
            env.note("crashed");
        }
        return crashed;
    }
}
