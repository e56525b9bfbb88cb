package org.bftref.impl.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.NewView;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#NV_OMIT}: a faulty primary that brings about the situation in which the NEW-VIEW rule
 * matters. As primary of a view it stops ordering after a chosen number of batches (0: never), so that
 * backups time out with requests possibly prepared; as the new primary of a view it sends a NEW-VIEW whose O
 * replaces prepared requests by null requests (each by choice). Backups recompute O from V and must reject it
 * (INVALID_NEW_VIEW), time out again and move on. Retransmissions repeat the same tampered NEW-VIEW.
 */
final class NvOmitNode extends Deviant {

    /** Batches it orders per view before it stalls; 0: it never stalls. */
    private int orderedBeforeStall;
    private final Map<Long, Integer> orderedInView = new TreeMap<>();
    private final Set<String> withheld = new HashSet<>();
    private final Map<Long, Signed<NewView>> tampered = new TreeMap<>();

    NvOmitNode() {
        super(Strategy.NV_OMIT);
    }

    @Override
    public void start(Env env) {
        int k = env.choices().nextInt(4);
        orderedBeforeStall = k == 0 ? Integer.MAX_VALUE : k - 1;
        super.start(env);
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        Message m = message.message();
        if (m instanceof PrePrepare pp && pp.primary() == env.id()) {
            int ordered = orderedInView.getOrDefault(pp.v(), 0);
            if (ordered >= orderedBeforeStall) {
                withheld.add(pp.v() + "/" + pp.n());
                note("withheld-pre-prepare");
                return;
            }
            orderedInView.put(pp.v(), ordered + 1);
        } else if (m instanceof NewView nv && nv.primary() == env.id()) {
            env.broadcast(omit(cast(message)));
            return;
        }
        env.broadcast(message);
    }

    @Override
    protected void outSend(Principal to, Signed<? extends Message> message) {
        Message m = message.message();
        if (m instanceof PrePrepare pp && withheld.contains(pp.v() + "/" + pp.n())) {
            return;
        }
        if (m instanceof NewView nv && tampered.containsKey(nv.v())) {
            env.send(to, tampered.get(nv.v()));
            return;
        }
        env.send(to, message);
    }

    private Signed<NewView> omit(Signed<NewView> signed) {
        NewView nv = signed.message();
        List<Signed<PrePrepare>> o = new ArrayList<>();
        boolean changed = false;
        for (Signed<PrePrepare> pp : nv.prePrepares()) {
            PrePrepare p = pp.message();
            if (!p.isNull() && env.choices().pick(2) == 1) {
                o.add(sign(new PrePrepare(p.v(), p.n(), Codec.NULL_REQUEST_DIGEST, List.of(), p.primary())));
                changed = true;
            } else {
                o.add(pp);
            }
        }
        if (!changed) {
            return signed;
        }
        note("omitted-prepared-requests");
        Signed<NewView> bad = sign(new NewView(nv.v(), nv.viewChanges(), o, nv.primary()));
        tampered.put(nv.v(), bad);
        return bad;
    }
}
