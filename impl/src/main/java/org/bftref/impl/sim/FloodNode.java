package org.bftref.impl.sim;

import java.util.List;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#FLOOD}: honest, and after some steps (by choice) a burst of 1..20 junk messages to chosen
 * replicas: PREPAREs for views far ahead, COMMITs above the high watermark, a verbatim copy of the last
 * message it received, requests under a forged client signature, CHECKPOINTs outside the window. Each must be
 * dropped at the cost of one check, and none may grow a replica's memory; the run must still complete.
 */
final class FloodNode extends Deviant {

    private static final int BURST_MAX = 20;
    private static final Digest JUNK = Digest.of("bftref simulator: junk");

    private Signed<? extends Message> lastReceived;
    private long forged;

    FloodNode() {
        super(Strategy.FLOOD);
    }

    @Override
    protected void observe(Signed<? extends Message> message) {
        lastReceived = message;
    }

    @Override
    protected void afterStep() {
        if (!env.choices().chance(20)) {
            return;
        }
        int burst = (int) env.choices().between(1, BURST_MAX);
        List<Integer> others = env.others();
        long view = core.view();
        long low = core.lowWatermark();
        long window = env.config().watermarkWindow();
        for (int i = 0; i < burst && !others.isEmpty(); i++) {
            int kind = env.choices().nextInt(5);
            int to = others.get(env.choices().pick(others.size()));
            Signed<? extends Message> junk;
            if (kind == 0) {
                junk = sign(new Prepare(view + 1_000 + i, low + 1, JUNK, env.id()));
            } else if (kind == 1) {
                junk = sign(new Commit(view, low + window + 1 + i, JUNK, env.id()));
            } else if (kind == 2 && lastReceived != null) {
                junk = lastReceived;
            } else if (kind == 3 || kind == 2) {
                int clients = Math.max(1, env.scenario().clients());
                Request r = new Request(env.choices().pick(clients), 1_000_000 + forged++, "forged-op");
                junk = new Signed<>(r, new Signature(Digest.of("forged " + forged).hex().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            } else {
                junk = sign(new Checkpoint(low + window + env.config().checkpointInterval(), JUNK, env.id()));
            }
            env.sendToReplica(to, junk);
        }
        note("junk");
    }
}
