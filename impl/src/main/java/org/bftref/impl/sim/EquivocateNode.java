package org.bftref.impl.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#EQUIVOCATE}: as primary, for each PRE-PREPARE the core sends, chooses to send it to everyone
 * (0), to split the backups into two sides with different batches for the same (v, n), or to give every backup
 * a different batch (which leaves no digest a quorum, so a view change must follow). Each conflicting batch is
 * well formed, digest included, so honest backups accept whichever reaches them first: an empty batch, another
 * request it received, or the batch with its first request repeated. It then supports every side with a COMMIT
 * for that side's digest. The fourth option (3) splits the backups into two sides too, but the second side gets
 * a PRE-PREPARE carrying the original's digest with a different batch (another request it received, or none):
 * a correct backup drops it, and only a backup that skips the digest check (the ACCEPT_DIGEST_MISMATCH mutant)
 * prepares and commits it, executing a batch the other side never saw. What it sends later about that (v, n), such as retransmissions, stays consistent per
 * backup. Otherwise honest.
 */
final class EquivocateNode extends Deviant {

    private static final int SLOTS_KEPT = 256;

    /** Per (v, n) it equivocated on: the PRE-PREPARE each other replica got. */
    private final Map<String, Map<Integer, Signed<PrePrepare>>> given = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, Signed<PrePrepare>>> eldest) {
            return size() > SLOTS_KEPT;
        }
    };

    EquivocateNode() {
        super(Strategy.EQUIVOCATE);
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        Message m = message.message();
        if (m instanceof PrePrepare pp && pp.primary() == env.id() && !given.containsKey(key(pp.v(), pp.n()))) {
            int mode = env.choices().nextInt(4);
            if (mode == 0) {
                env.broadcast(message);
                return;
            }
            Signed<PrePrepare> original = cast(message);
            List<Integer> others = env.others();
            Map<Integer, Signed<PrePrepare>> sides = new TreeMap<>();
            Map<Integer, Signed<PrePrepare>> variants = new TreeMap<>();
            for (int i = 0; i < others.size(); i++) {
                int k = mode == 1 || mode == 3 ? env.choices().pick(2) : i + 1;
                Signed<PrePrepare> x = k == 0 ? original
                        : mode == 3 ? variants.computeIfAbsent(-1, kk -> mismatched(pp))
                        : variants.computeIfAbsent(k, kk -> variant(pp, kk));
                sides.put(others.get(i), x);
                env.sendToReplica(others.get(i), x);
            }
            given.put(key(pp.v(), pp.n()), sides);
            note(mode == 1 ? "two-sides" : mode == 2 ? "all-different" : "digest-mismatch");
            sides.forEach((j, x) -> {
                if (!x.message().d().equals(pp.d())) {
                    env.sendToReplica(j, sign(new Commit(pp.v(), pp.n(), x.message().d(), env.id())));
                }
            });
        } else if (m instanceof Commit c && c.r() == env.id() && given.containsKey(key(c.v(), c.n()))) {
            // The original's side gets the core's COMMIT; the other sides got theirs with their batch.
            given.get(key(c.v(), c.n())).forEach((j, x) -> {
                if (x.message().d().equals(c.d())) {
                    env.sendToReplica(j, message);
                }
            });
        } else {
            env.broadcast(message);
        }
    }

    @Override
    protected void outSend(Principal to, Signed<? extends Message> message) {
        Message m = message.message();
        Map<Integer, Signed<PrePrepare>> sides = null;
        if (to instanceof Principal.Replica r && m instanceof PrePrepare pp && pp.primary() == env.id()) {
            sides = given.get(key(pp.v(), pp.n()));
            if (sides != null && sides.containsKey(r.id())) {
                env.send(to, sides.get(r.id())); // a retransmission tells each backup the same story as before
                return;
            }
        } else if (to instanceof Principal.Replica r && m instanceof Commit c && c.r() == env.id()) {
            sides = given.get(key(c.v(), c.n()));
            if (sides != null && sides.containsKey(r.id())) {
                env.send(to, sign(new Commit(c.v(), c.n(), sides.get(r.id()).message().d(), env.id())));
                return;
            }
        }
        env.send(to, message);
    }

    /** A PRE-PREPARE for the same (v, n) with a different, well-formed batch; distinct for distinct k >= 1. */
    private Signed<PrePrepare> variant(PrePrepare pp, int k) {
        List<Signed<Message.Request>> batch = new ArrayList<>();
        if (k == 2) {
            Signed<Message.Request> other = seenRequests.stream()
                    .filter(r -> !pp.batch().contains(r)).reduce((a, b) -> b).orElse(null);
            if (other != null) {
                batch.add(other);
            } else {
                batch.addAll(pp.batch());
                batch.addAll(pp.batch().subList(0, Math.min(1, pp.batch().size())));
            }
        } else if (k >= 3) {
            batch.addAll(pp.batch());
            for (int i = 0; i < k - 1 && !pp.batch().isEmpty(); i++) {
                batch.add(pp.batch().get(0));
            }
        }
        return sign(new PrePrepare(pp.v(), pp.n(), Codec.batchDigest(batch), batch, env.id()));
    }

    /**
     * A PRE-PREPARE for the same (v, n) carrying the original's digest but another batch (another request it
     * received, else an empty batch): only a backup that skips the digest check accepts it.
     */
    private Signed<PrePrepare> mismatched(PrePrepare pp) {
        List<Signed<Message.Request>> batch = new ArrayList<>();
        seenRequests.stream().filter(r -> !pp.batch().contains(r)).reduce((a, b) -> b).ifPresent(batch::add);
        return sign(new PrePrepare(pp.v(), pp.n(), pp.d(), batch, env.id()));
    }

    private static String key(long v, long n) {
        return v + "/" + n;
    }
}
