package org.bftref.impl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * A PBFT client as a pure state machine (OSDI 1999, section 4.1): one request outstanding at a time, sent to
 * the primary of the last view it heard of, multicast to every replica if no result comes in time; the result
 * is accepted once f+1 replicas sent matching replies, since one of them is honest.
 */
public final class Client {

    private final Config config;
    private final int id;
    private final MessageSigner signer;

    private long lastTimestamp = 0;
    private long view = 0;
    private Signed<Request> outstanding;
    /** Replies to the outstanding request: result, then replica. One reply per replica counts. */
    private final Map<String, Map<Integer, Signed<Reply>>> replies = new TreeMap<>();

    public Client(Config config, int id, MessageSigner signer) {
        this(config, id, signer, 0);
    }

    /**
     * A client whose timestamps continue above {@code lastTimestamp}. Replicas keep the last timestamp they
     * executed for each client and treat a request at or below it as old (resend the reply, or ignore it), so a
     * client that starts over, in a new process with the same identity, must number above everything it sent
     * before; the caller keeps that number durable.
     */
    public Client(Config config, int id, MessageSigner signer, long lastTimestamp) {
        if (lastTimestamp < 0) {
            throw new IllegalArgumentException("lastTimestamp must be >= 0: " + lastTimestamp);
        }
        this.config = config;
        this.id = id;
        this.signer = signer;
        this.lastTimestamp = lastTimestamp;
    }

    public int id() {
        return id;
    }

    public boolean busy() {
        return outstanding != null;
    }

    /**
     * The client signs and sends request {@code operation} with a fresh timestamp (the spec's ClientRequest:
     * a request only exists once its client has signed it).
     */
    @SpecAction("ClientRequest")
    public List<Effect> submit(String operation) {
        if (outstanding != null) {
            throw new IllegalStateException("client " + id + " already waits for request " + outstanding.message().timestamp());
        }
        outstanding = signer.sign(new Request(id, ++lastTimestamp, operation));
        replies.clear();
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Send(Principal.replica(config.primary(view)), outstanding));
        effects.add(new Effect.SetTimer(Timer.CLIENT_RETRY, config.viewChangeTimeoutMillis()));
        // No trace event: only replicas log (design.md); the validator learns requests from their batches.
        return effects;
    }

    public List<Effect> step(Input input) {
        List<Effect> effects = new ArrayList<>();
        if (input instanceof Input.TimerExpired t && t.timer() == Timer.CLIENT_RETRY && outstanding != null) {
            // The primary may be faulty or slow: tell every replica, so that backups start their timers.
            effects.add(new Effect.Broadcast(outstanding));
            effects.add(new Effect.SetTimer(Timer.CLIENT_RETRY, config.viewChangeTimeoutMillis()));
        } else if (input instanceof Input.Deliver d && d.message().message() instanceof Reply reply) {
            receiveReply(effects, input, castReply(d.message()), reply);
        } else {
            effects.add(new Effect.Dropped(DropReason.UNKNOWN_SENDER, input));
        }
        return effects;
    }

    @SuppressWarnings("unchecked")
    private static Signed<Reply> castReply(Signed<?> signed) {
        return (Signed<Reply>) signed;
    }

    private void receiveReply(List<Effect> effects, Input input, Signed<Reply> signed, Reply reply) {
        if (outstanding == null || reply.client() != id || reply.timestamp() != outstanding.message().timestamp()) {
            effects.add(new Effect.Dropped(DropReason.STALE_REQUEST, input));
            return;
        }
        if (reply.r() < 0 || reply.r() >= config.n()) {
            effects.add(new Effect.Dropped(DropReason.UNKNOWN_SENDER, input));
            return;
        }
        view = Math.max(view, reply.v());
        Map<Integer, Signed<Reply>> same = replies.computeIfAbsent(reply.result(), k -> new TreeMap<>());
        if (same.putIfAbsent(reply.r(), signed) != null) {
            effects.add(new Effect.Dropped(DropReason.DUPLICATE, input));
            return;
        }
        if (same.size() >= config.weakQuorum()) {
            outstanding = null;
            replies.clear();
            effects.add(new Effect.CancelTimer(Timer.CLIENT_RETRY));
            effects.add(new Effect.Completed(id, reply.timestamp(), reply.result()));
        }
    }
}
