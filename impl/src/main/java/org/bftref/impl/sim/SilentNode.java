package org.bftref.impl.sim;

import org.bftref.impl.core.Timer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/** {@link Strategy#SILENT}: takes everything in and sends nothing, from the start. */
final class SilentNode implements Node {

    @Override
    public void start(Env env) {
        env.note("silent");
    }

    @Override
    public void deliver(Env env, Signed<? extends Message> message) {
    }

    @Override
    public void timerExpired(Env env, Timer timer) {
    }
}
