package org.bftref.impl.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.Checkpoint;
import org.bftref.impl.message.Message.Commit;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Message.Prepare;
import org.bftref.impl.message.Message.Reply;
import org.bftref.impl.message.Message.Request;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * One PBFT replica as a pure state machine: {@link #step} takes one input and returns the effects, and does
 * nothing else (no threads, clocks, sockets or files). The same inputs in the same order give the same effects.
 *
 * <p>How it mirrors spec/pbft/PBFT.tla: receiving a message only records it (after checking what the spec's
 * message-existence guards assume: the right sender, view and watermarks); then the replica tries its rules.
 * Each rule is one method annotated with the spec action it implements, whose guard and effect are the
 * action's. Messages from faulty replicas are exactly what the spec calls "available"; the certificates this
 * replica holds are the spec's {@code prepared[r]}.
 *
 * <p>Crash and restart: before a step's sends, the replica emits {@link Effect.Persist} records of what those
 * sends commit it to ({@link Durable}); {@link #recover} rebuilds a replica from them, so a restarted replica
 * never signs two conflicting messages for one view and sequence number.
 */
public final class Replica {

    private final Config config;
    private final int id;
    private final MessageSigner signer;
    private final Function<List<Signed<Request>>, Digest> batchDigest;
    private final Service service;
    /** Rules deliberately broken for the mutation tests; empty in every real use. */
    private final Set<Mutant> mutants;

    private long view = 0;
    private boolean normal = true;

    /** The message log of section 4.2, by sequence number then view; everything below lowWatermark is gone. */
    private final TreeMap<Long, Map<Long, Slot>> log = new TreeMap<>();
    /** Requests received and not yet assigned (primary) or executed (backups), oldest first. */
    private final LinkedHashMap<RequestKey, Signed<Request>> pending = new LinkedHashMap<>();
    /**
     * Requests this replica, as primary, assigned in the current view and has not executed yet. A client that
     * retransmits one must not get it assigned a second time in the view: the spec's SendPrePrepare assigns a
     * request at most once per view, and trace validation checks it.
     */
    private final Map<RequestKey, Long> orderedInView = new HashMap<>();
    /** Per client: the last timestamp executed and its reply, so each request executes at most once. */
    private final Map<Integer, Signed<Reply>> lastReply = new HashMap<>();
    /** CHECKPOINT messages by sequence number and state digest, from distinct replicas. */
    private final TreeMap<Long, Map<Digest, Map<Integer, Signed<Checkpoint>>>> checkpoints = new TreeMap<>();

    /** VIEW-CHANGE messages by the view they ask for, then sender; only for views not yet left behind. */
    private final TreeMap<Long, Map<Integer, Signed<Message.ViewChange>>> viewChanges = new TreeMap<>();

    private long nextSeq = 1;
    private long lastExecuted = 0;
    private long lowWatermark = 0;
    private boolean requestTimerRunning = false;
    /** The digests of this replica's own checkpoints above the stable one, to compare with the 2f+1 that agree. */
    private final TreeMap<Long, Digest> ownCheckpoints = new TreeMap<>();
    /**
     * The states this replica took or adopted at checkpoints from its stable one up (at most window / interval
     * + 1): the one at the stable checkpoint is what it offers a replica behind it (see receiveStatus).
     */
    private final TreeMap<Long, Durable.StableState> heldStates = new TreeMap<>();
    /** Messages from just above the window, by sequence number, then kind and sender (see keepOrDrop). */
    private final TreeMap<Long, TreeMap<Integer, Signed<? extends Message>>> early = new TreeMap<>();
    /** The 2f+1 CHECKPOINTs proving the checkpoint at lowWatermark; VIEW-CHANGE messages carry them. */
    private List<Signed<Checkpoint>> stableProof = List.of();
    /** Recovered from storage: {@link #start} logs the restart. */
    private boolean recovered;
    /** The NEW-VIEW that started the current view (null in view 0), forwarded to replicas that missed it. */
    private Signed<Message.NewView> currentNewView;
    /** The latest state transfer offer from each replica; adopted when f+1 agree (section on state transfer). */
    private final TreeMap<Integer, Signed<Message.State>> stateOffers = new TreeMap<>();
    private boolean newViewTimerRunning = false;

    public Replica(Config config, int id, MessageSigner signer, Function<List<Signed<Request>>, Digest> batchDigest,
                   Service service) {
        this(config, id, signer, batchDigest, service, Set.of());
    }

    /** A replica with some rules broken on purpose ({@link Mutant}); for the mutation tests only. */
    public Replica(Config config, int id, MessageSigner signer, Function<List<Signed<Request>>, Digest> batchDigest,
                   Service service, Set<Mutant> mutants) {
        if (id < 0 || id >= config.n()) {
            throw new IllegalArgumentException("replica id " + id + " outside 0.." + (config.n() - 1));
        }
        this.config = config;
        this.id = id;
        this.signer = signer;
        this.batchDigest = batchDigest;
        this.service = service;
        this.mutants = Set.copyOf(mutants);
    }

    /**
     * A replica restarted after a crash: a fresh service, then the records its earlier incarnation persisted,
     * replayed in order. It comes back in the view it was in, holding the pre-prepares it accepted and the
     * certificates it prepared, so it will not vote for anything conflicting with what it signed; what it
     * executed after its last stable state it learns again from its peers (state transfer).
     */
    public static Replica recover(Config config, int id, MessageSigner signer,
                                  Function<List<Signed<Request>>, Digest> batchDigest, Service freshService,
                                  List<Durable> records, Set<Mutant> mutants) {
        Replica replica = new Replica(config, id, signer, batchDigest, freshService, mutants);
        replica.recovered = true;
        if (!mutants.contains(Mutant.NO_PERSISTENCE)) {
            records.forEach(replica::replay);
        }
        return replica;
    }

    public static Replica recover(Config config, int id, MessageSigner signer,
                                  Function<List<Signed<Request>>, Digest> batchDigest, Service freshService,
                                  List<Durable> records) {
        return recover(config, id, signer, batchDigest, freshService, records, Set.of());
    }

    /** Rebuilds volatile state from one persisted record, re-signing its own votes (signing is deterministic). */
    private void replay(Durable record) {
        if (record instanceof Durable.StableState s) {
            adoptState(s);
        } else if (record instanceof Durable.CheckpointStable c) {
            checkpointStable(c);
        } else if (record instanceof Durable.PrePrepareAccepted a) {
            PrePrepare pp = a.prePrepare().message();
            if (pp.n() <= lowWatermark) {
                return;
            }
            Slot slot = slot(pp.v(), pp.n());
            slot.prePrepare = a.prePrepare();
            if (pp.primary() == id) {
                nextSeq = Math.max(nextSeq, pp.n() + 1);
                if (pp.v() == view) {
                    // A restarted primary must not assign these requests again in this view when their clients
                    // retransmit (trace validation, random seeds 346 and 607: the same batch got a second number).
                    pp.batch().forEach(r -> orderedInView.put(new RequestKey(r.message().client(), r.message().timestamp()), pp.n()));
                }
            } else {
                slot.prepares.computeIfAbsent(pp.d(), d -> new TreeMap<>())
                        .put(id, signer.sign(new Prepare(pp.v(), pp.n(), pp.d(), id)));
            }
        } else if (record instanceof Durable.PreparedCertificateHeld h) {
            Message.PreparedCertificate c = h.certificate();
            if (c.n() <= lowWatermark) {
                return;
            }
            Slot slot = slot(c.v(), c.n());
            slot.prePrepare = c.prePrepare();
            for (Signed<Prepare> p : c.prepares()) {
                slot.prepares.computeIfAbsent(c.d(), d -> new TreeMap<>()).put(p.message().r(), p);
            }
            slot.commitSent = true;
            slot.commits.computeIfAbsent(c.d(), d -> new TreeMap<>()).put(id, signer.sign(new Commit(c.v(), c.n(), c.d(), id)));
        } else if (record instanceof Durable.ViewChangeSent vcs) {
            view = vcs.viewChange().message().v();
            normal = false;
            orderedInView.clear();
            viewChanges.headMap(view).clear();
            viewChanges.computeIfAbsent(view, k -> new TreeMap<>()).put(id, vcs.viewChange());
        } else if (record instanceof Durable.NewViewEntered e) {
            Message.NewView nv = e.newView().message();
            view = nv.v();
            currentNewView = e.newView();
            enterView(new Step(null), nv.viewChanges(), nv.prePrepares());
            for (Signed<PrePrepare> pp : nv.prePrepares()) {
                if (pp.message().n() > lowWatermark && nv.primary() != id) {
                    replay(new Durable.PrePrepareAccepted(pp));
                }
            }
        }
    }

    /**
     * Effects to perform once, when the replica starts or restarts: it tells its peers where it stands (a
     * restarted replica learns what it missed from their answers) and starts its status timer. After
     * {@link #recover} this is TracePBFT's Restart step: the replica is back in its view, with its stable state.
     */
    @SpecAction("Restart")
    public List<Effect> start() {
        Step step = new Step(null);
        if (recovered) {
            step.trace("Restart", "v", view, "n", lastExecuted);
        }
        step.emit(new Effect.Broadcast(signer.sign(new Message.Status(view, normal, lastExecuted, id))));
        step.emit(new Effect.SetTimer(Timer.STATUS, statusPeriodMillis()));
        return step.effects;
    }

    /** Half the view-change timeout: a lagging replica catches up before it would suspect a working primary. */
    private long statusPeriodMillis() {
        return Math.max(1, config.viewChangeTimeoutMillis() / 2);
    }

    public int id() {
        return id;
    }

    public long view() {
        return view;
    }

    public long lastExecuted() {
        return lastExecuted;
    }

    public long lowWatermark() {
        return lowWatermark;
    }

    /** Entries kept in the log; bounded by the watermark window whatever the run's length. */
    public int logSize() {
        return log.values().stream().mapToInt(Map::size).sum();
    }

    /** Takes one input; returns what to do about it. */
    public List<Effect> step(Input input) {
        Step step = new Step(input);
        long executedBefore = lastExecuted;
        if (input instanceof Input.Deliver d) {
            receive(step, d.message());
        } else if (input instanceof Input.TimerExpired t) {
            timerExpired(step, t.timer());
        }
        handleEarly(step);
        adjustRequestTimer(step, lastExecuted > executedBefore);
        return step.effects;
    }

    // ------------------------------------------------------------------------------------------------
    // Receiving: record the message if it may count, then try the rules it can enable.

    private void receive(Step step, Signed<? extends Message> signed) {
        Message message = signed.message();
        if (message.signer() instanceof Principal.Replica sender && sender.id() >= config.n()) {
            step.drop(DropReason.UNKNOWN_SENDER);
            return;
        }
        if (message instanceof Request) {
            receiveRequest(step, cast(signed));
        } else if (message instanceof PrePrepare) {
            receivePrePrepare(step, cast(signed));
        } else if (message instanceof Prepare) {
            receivePrepare(step, cast(signed));
        } else if (message instanceof Commit) {
            receiveCommit(step, cast(signed));
        } else if (message instanceof Checkpoint) {
            receiveCheckpoint(step, cast(signed));
        } else if (message instanceof Message.ViewChange) {
            receiveViewChange(step, cast(signed));
        } else if (message instanceof Message.NewView) {
            acceptNewView(step, cast(signed));
        } else if (message instanceof Message.Status) {
            receiveStatus(step, cast(signed));
        } else if (message instanceof Message.State) {
            receiveState(step, cast(signed));
        } else {
            step.drop(DropReason.UNKNOWN_SENDER); // replies are for clients
        }
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> Signed<M> cast(Signed<? extends Message> signed) {
        return (Signed<M>) signed;
    }

    private void receiveRequest(Step step, Signed<Request> signed) {
        Request request = signed.message();
        Signed<Reply> last = lastReply.get(request.client());
        if (last != null && request.timestamp() <= last.message().timestamp()) {
            // Executed already (section 4.1): answer again if it is the last one, never execute twice.
            if (request.timestamp() == last.message().timestamp()) {
                step.emit(new Effect.Send(Principal.client(request.client()), last));
            } else {
                step.drop(DropReason.STALE_REQUEST);
            }
            return;
        }
        RequestKey key = new RequestKey(request.client(), request.timestamp());
        Long assigned = orderedInView.get(key);
        if (assigned != null) {
            // Assigned in this view already and not executed: the client retransmits because the PRE-PREPARE
            // did not get through. Resend it (a retransmission, invisible to the spec) rather than assign the
            // request again, which the spec forbids; without either, backups that got the request from the
            // client would time out and change views for nothing.
            Slot slot = log.getOrDefault(assigned, Map.of()).get(view);
            if (slot != null && slot.prePrepare != null) {
                step.emit(new Effect.Broadcast(slot.prePrepare));
            }
            step.drop(DropReason.DUPLICATE);
            return;
        }
        if (pending.putIfAbsent(key, signed) != null) {
            step.drop(DropReason.DUPLICATE);
            return;
        }
        sendPrePrepare(step);
    }

    private void receivePrePrepare(Step step, Signed<PrePrepare> signed) {
        PrePrepare pp = signed.message();
        if (pp.primary() != config.primary(pp.v())) {
            step.drop(DropReason.NOT_FROM_PRIMARY);
        } else if (pp.batch().size() > config.batchSizeMax()) {
            step.drop(DropReason.BATCH_TOO_LARGE);
        } else if (pp.batch().isEmpty()) {
            // The null request is only for gaps a NEW-VIEW fills (section 4.4), never a normal-case proposal.
            step.drop(DropReason.EMPTY_BATCH);
        } else if (!acceptedAlready(signed) && !pp.d().equals(batchDigest.apply(pp.batch()))
                && !mutants.contains(Mutant.ACCEPT_DIGEST_MISMATCH)) {
            step.drop(DropReason.DIGEST_MISMATCH);
        } else if (!inWatermarks(pp.n())) {
            keepOrDrop(step, pp.n(), pp.primary(), signed);
        } else if (pp.v() != view) {
            step.drop(DropReason.WRONG_VIEW);
        } else if (!normal) {
            step.drop(DropReason.NOT_NORMAL);
        } else {
            sendPrepare(step, signed);
        }
    }

    /**
     * Whether this very PRE-PREPARE (equal, signature included) is the one this replica holds for its (v, n):
     * its digest was checked when it was accepted, and the digest is a function of the batch, so it need not be
     * computed again. Only a shortcut: the checks and drop reasons stay as they are. It matters because a
     * primary resends a whole PRE-PREPARE whenever a client retransmits one of its requests, so under load a
     * backup receives each batch many times, and hashing a batch of 100 requests each time was a third of a
     * simulation's time.
     */
    private boolean acceptedAlready(Signed<PrePrepare> signed) {
        Slot slot = log.getOrDefault(signed.message().n(), Map.of()).get(signed.message().v());
        return slot != null && slot.prePrepare != null
                && (slot.prePrepare == signed || slot.prePrepare.equals(signed));
    }

    private void receivePrepare(Step step, Signed<Prepare> signed) {
        Prepare p = signed.message();
        if (p.r() == config.primary(p.v())) {
            // The primary's PRE-PREPARE is its vote; a PREPARE from it must not count twice (section 4.2).
            step.drop(DropReason.NOT_FROM_PRIMARY);
        } else if (!inWatermarks(p.n())) {
            keepOrDrop(step, p.n(), p.r(), signed);
        } else if (!acceptableView(p.v())) {
            step.drop(DropReason.WRONG_VIEW);
        } else if (slot(p.v(), p.n()).prepares.computeIfAbsent(p.d(), d -> new TreeMap<>()).putIfAbsent(p.r(), signed) != null) {
            step.drop(DropReason.DUPLICATE);
        } else {
            sendCommit(step, p.v(), p.n());
        }
    }

    private void receiveCommit(Step step, Signed<Commit> signed) {
        Commit c = signed.message();
        if (!inWatermarks(c.n())) {
            keepOrDrop(step, c.n(), c.r(), signed);
        } else if (!acceptableView(c.v())) {
            step.drop(DropReason.WRONG_VIEW);
        } else if (slot(c.v(), c.n()).commits.computeIfAbsent(c.d(), d -> new TreeMap<>()).putIfAbsent(c.r(), signed) != null) {
            step.drop(DropReason.DUPLICATE);
        } else {
            execute(step);
        }
    }

    private void receiveCheckpoint(Step step, Signed<Checkpoint> signed) {
        Checkpoint c = signed.message();
        if (!inWatermarks(c.n())) {
            // Far above the window, a faulty replica could make this map grow without bound; a replica that far
            // behind catches up by state transfer instead. Just above it, the message waits (keepOrDrop).
            keepOrDrop(step, c.n(), c.r(), signed);
            return;
        }
        Map<Integer, Signed<Checkpoint>> votes = checkpoints.computeIfAbsent(c.n(), k -> new TreeMap<>())
                .computeIfAbsent(c.stateDigest(), k -> new TreeMap<>());
        if (votes.putIfAbsent(c.r(), signed) != null) {
            step.drop(DropReason.DUPLICATE);
            return;
        }
        collectGarbage(step, c.n(), c.stateDigest());
    }

    /**
     * A peer says where it stands (Castro's thesis, status messages). If it is in an older view, or still
     * changing to this one, it gets the NEW-VIEW that started this view. If it executed less, it gets what it
     * lacks: in the same view, this replica's log entries above its last executed number (the primary's
     * PRE-PREPARE and this replica's own PREPARE and COMMIT); otherwise this replica's whole state. Resending
     * messages is invisible to the spec, where sent messages stay in msgs forever.
     */
    private void receiveStatus(Step step, Signed<Message.Status> signed) {
        Message.Status st = signed.message();
        Principal peer = Principal.replica(st.r());
        if (st.r() == id) {
            step.drop(DropReason.UNKNOWN_SENDER);
            return;
        }
        long lastNewView = currentNewView == null ? -1 : currentNewView.message().v();
        if (currentNewView != null && (st.v() < lastNewView || (st.v() == lastNewView && !st.normal()))) {
            // Also when this replica has moved on to a later view change itself: it may be the only one left
            // holding the NEW-VIEW that the peer waits for (soak seed 1028159: the primary of view 1 sent its
            // NEW-VIEW into a partition and timed out into view 2 alone; the backups, short of 2f+1 VIEW-CHANGEs
            // for view 1, had no NEW-VIEW timer and waited in view 1 for ever). The NEW-VIEW was sent already:
            // forwarding it again is invisible to the spec.
            step.emit(new Effect.Send(peer, currentNewView));
        }
        Signed<Message.ViewChange> ownViewChange = viewChanges.getOrDefault(view, Map.of()).get(id);
        if (!normal && st.v() <= view && ownViewChange != null) {
            // This replica is changing to a view the peer has not reached, or is changing to it too: its
            // VIEW-CHANGE may have been lost on the way, and without it the peer can neither join (f+1 rule)
            // nor complete 2f+1. Nobody else resends it (Castro's thesis retransmits view changes likewise).
            step.emit(new Effect.Send(peer, ownViewChange));
        }
        if (st.lastExecuted() > lastExecuted) {
            // The peer is ahead: tell it where this replica stands, so that it sends what is missing here.
            step.emit(new Effect.Send(peer, signer.sign(new Message.Status(view, normal, lastExecuted, id))));
        }
        // Checkpoints not yet stable here may be stuck for want of a lost CHECKPOINT: resend this replica's own
        // to a peer that has executed that far, so that 2f+1 can form and the watermark window moves on.
        for (Map.Entry<Long, Digest> own : ownCheckpoints.entrySet()) {
            Signed<Checkpoint> mine = checkpoints.getOrDefault(own.getKey(), Map.of())
                    .getOrDefault(own.getValue(), Map.of()).get(id);
            if (mine != null && own.getKey() <= st.lastExecuted() && own.getKey() > lowWatermark) {
                step.emit(new Effect.Send(peer, mine));
            }
        }
        boolean peerInView = normal && (st.v() < view || (st.v() == view && !st.normal()));
        if (st.lastExecuted() >= lastExecuted && !peerInView) {
            return;
        }
        if (st.lastExecuted() < lastExecuted && st.lastExecuted() >= lowWatermark && lowWatermark > 0) {
            // The peer executed up to this replica's stable checkpoint or past it, so it gets log entries below
            // rather than a state; but it may never have seen that checkpoint become stable (it was down when the
            // CHECKPOINTs went round, and nobody resends a stable one). Its window then still ends at or below
            // the entries it lacks, it drops them as outside its watermarks, and with no new request to make a
            // later checkpoint it stays behind for good (soak seed 1032103: a restarted replica at n=8 with its
            // window ending at 8, the others at 9). The 2f+1 CHECKPOINTs that prove the checkpoint let it
            // stabilise it (as in Castro's thesis, a STATUS makes peers retransmit what its sender lacks).
            // They lie inside its window: this checkpoint is at most what it executed, which its window covers.
            // Resending is invisible to the spec: these CHECKPOINTs were sent already.
            for (Signed<Checkpoint> cp : stableProof) {
                step.emit(new Effect.Send(peer, cp));
            }
        }
        // A peer ahead in views cannot use this view's log, but it can take this replica's state (below).
        if (normal && st.v() <= view && st.lastExecuted() >= lowWatermark) {
            // Same view (or this view once the peer takes the forwarded NEW-VIEW): resend the log entries of
            // this view above what the peer executed, in progress ones included.
            for (long n = st.lastExecuted() + 1; n <= lowWatermark + config.watermarkWindow(); n++) {
                Slot slot = log.getOrDefault(n, Map.of()).get(view);
                if (slot == null || slot.prePrepare == null) {
                    continue;
                }
                Digest d = slot.prePrepare.message().d();
                step.emit(new Effect.Send(peer, slot.prePrepare));
                Signed<Prepare> ownPrepare = slot.prepares.getOrDefault(d, Map.of()).get(id);
                if (ownPrepare != null) {
                    step.emit(new Effect.Send(peer, ownPrepare));
                }
                Signed<Commit> ownCommit = slot.commits.getOrDefault(d, Map.of()).get(id);
                if (ownCommit != null) {
                    step.emit(new Effect.Send(peer, ownCommit));
                }
            }
        }
        if (st.lastExecuted() < lastExecuted && (st.lastExecuted() < lowWatermark || !normal || st.v() != view || !st.normal())) {
            // A peer below the stable checkpoint first gets the checkpoint's state when this replica holds it:
            // the proof vouches for it, so the peer needs no f+1 matching offers, which replicas that executed
            // to different points never make (soak seed 1247920: three honest replicas at 1, 2 and 3, nothing
            // pending, none able to help another). Then the current state, which f+1 matching offers make the
            // peer adopt too, so that it need not wait for the log entries above the checkpoint.
            Durable.StableState held = st.lastExecuted() < lowWatermark ? heldStates.get(lowWatermark) : null;
            if (held != null) {
                offerState(step, peer, held);
            }
            if (held == null || lastExecuted > held.n()) {
                offerState(step, peer, currentState());
            }
        }
    }

    /** A STATE message with {@code state} and the proof of this replica's stable checkpoint, to {@code peer}. */
    private void offerState(Step step, Principal peer, Durable.StableState state) {
        step.emit(new Effect.Send(peer, signer.sign(new Message.State(state.n(), state.snapshot(), state.replies(),
                lowWatermark, stableProof, id))));
    }

    /**
     * State transfer: adopt a state once f+1 distinct replicas offered the same (n, digest), since one of them
     * is honest; or at once when the offer is the state of the stable checkpoint it proves (n = stableN) and its
     * digest is the one the 2f+1 CHECKPOINTs of the proof signed, as in Castro's thesis, where a replica fetches
     * the checkpointed state. The adopted state is persisted first, then execution continues from it.
     * TracePBFT's StateTransfer step (Castro's thesis, section 5.3.2).
     */
    @SpecAction("StateTransfer")
    private void receiveState(Step step, Signed<Message.State> signed) {
        Message.State st = signed.message();
        if (st.n() <= lastExecuted || st.r() == id) {
            step.drop(DropReason.STALE_STATE);
            return;
        }
        stateOffers.put(st.r(), signed);
        stateOffers.values().removeIf(o -> o.message().n() <= lastExecuted);
        if (st.stableN() > st.n() || !validCheckpointProof(st.stableN(), st.checkpointProof())) {
            step.drop(DropReason.INVALID_CERTIFICATE);
            return;
        }
        Durable.StableState offered = new Durable.StableState(st.n(), st.snapshot(), st.replies());
        Digest digest = offered.digest();
        boolean proven = st.n() == st.stableN() && st.stableN() > 0
                && st.checkpointProof().get(0).message().stateDigest().equals(digest);
        long agreeing = stateOffers.values().stream().map(Signed::message)
                .filter(o -> o.n() == st.n()
                        && new Durable.StableState(o.n(), o.snapshot(), o.replies()).digest().equals(digest))
                .count();
        if (!proven && agreeing < config.weakQuorum()) {
            return;
        }
        step.emit(new Effect.Persist(offered));
        adoptState(offered);
        stateOffers.clear();
        step.trace("StateTransfer", "n", st.n(), "h", st.stableN());
        // The agreeing offers are at n >= stableN, so the state adopted lies past this checkpoint.
        if (stabilise(step, st.stableN(), st.checkpointProof())) {
            sendPrePrepare(step);
        }
        if (st.n() % config.checkpointInterval() == 0) {
            // This replica holds the state at a checkpoint now, and its CHECKPOINT may be the 2f+1-th (seed 1223:
            // with one replica faulty, the window stayed full for ever without it).
            takeCheckpoint(step, st.n());
        }
        execute(step);
    }

    // ------------------------------------------------------------------------------------------------
    // The rules: one method per spec action.

    /**
     * OSDI section 4.2: the primary assigns the next sequence number to a batch of pending requests and
     * multicasts PRE-PREPARE. Guard as in the spec: it is the primary of its view, in normal status, and the
     * number is inside the watermarks (the spec's n in Seqs).
     */
    @SpecAction("SendPrePrepare")
    private void sendPrePrepare(Step step) {
        while (config.primary(view) == id && normal && !pending.isEmpty() && inWatermarks(nextSeq)) {
            List<Signed<Request>> batch = new ArrayList<>();
            var it = pending.values().iterator();
            while (it.hasNext() && batch.size() < config.batchSizeMax()) {
                Signed<Request> request = it.next();
                batch.add(request);
                orderedInView.put(new RequestKey(request.message().client(), request.message().timestamp()), nextSeq);
                it.remove();
            }
            long n = nextSeq++;
            Signed<PrePrepare> pp = signer.sign(new PrePrepare(view, n, batchDigest.apply(batch), batch, id));
            slot(view, n).prePrepare = pp;
            step.emit(new Effect.Persist(new Durable.PrePrepareAccepted(pp)));
            step.emit(new Effect.Broadcast(pp));
            step.trace("SendPrePrepare", "v", view, "n", n, "d", pp.message().d());
            sendCommit(step, view, n);
        }
    }

    /**
     * OSDI section 4.2: backup r accepts the PRE-PREPARE for (v, n, d) and multicasts PREPARE. Guard as in the
     * spec: r is a backup in view v, in normal status, and has not accepted another digest for (v, n). The
     * digest check against the batch and the signatures stand for the spec's "d is requested".
     */
    @SpecAction("SendPrepare")
    private void sendPrepare(Step step, Signed<PrePrepare> signed) {
        PrePrepare pp = signed.message();
        Slot slot = slot(pp.v(), pp.n());
        if (config.primary(pp.v()) == id) {
            step.drop(DropReason.NOT_FROM_PRIMARY); // a primary does not accept its own pre-prepare twice
            return;
        }
        if (slot.prePrepare != null) {
            step.drop(slot.prePrepare.message().d().equals(pp.d())
                    ? DropReason.DUPLICATE : DropReason.CONFLICTING_PRE_PREPARE);
            return;
        }
        slot.prePrepare = signed;
        for (Signed<Request> r : pp.batch()) {
            pending.putIfAbsent(new RequestKey(r.message().client(), r.message().timestamp()), r);
        }
        step.emit(new Effect.Persist(new Durable.PrePrepareAccepted(signed)));
        broadcastPrepare(step, slot, pp);
        step.trace("SendPrepare", "v", pp.v(), "n", pp.n(), "d", pp.d());
        sendCommit(step, pp.v(), pp.n());
    }

    /** Signs this backup's PREPARE for an accepted pre-prepare, counts it, and multicasts it. */
    private void broadcastPrepare(Step step, Slot slot, PrePrepare pp) {
        Signed<Prepare> prepare = signer.sign(new Prepare(pp.v(), pp.n(), pp.d(), id));
        slot.prepares.computeIfAbsent(pp.d(), d -> new TreeMap<>()).put(id, prepare);
        step.emit(new Effect.Broadcast(prepare));
    }

    /**
     * OSDI section 4.2: replica r has accepted the PRE-PREPARE for (v, n, d) and holds 2f matching PREPAREs
     * from distinct backups: it is prepared, and multicasts COMMIT. Becoming prepared and sending COMMIT are
     * one step, as in the spec, so the certificates r holds are exactly those it committed on.
     */
    @SpecAction("SendCommit")
    private void sendCommit(Step step, long v, long n) {
        Slot slot = slot(v, n);
        if (v != view || !normal || slot.prePrepare == null || slot.commitSent) {
            return;
        }
        Digest d = slot.prePrepare.message().d();
        Map<Integer, Signed<Prepare>> matching = slot.prepares.getOrDefault(d, Map.of());
        long fromBackups = matching.keySet().stream().filter(q -> q != config.primary(v)).count();
        if (fromBackups < prepareQuorum()) {
            return;
        }
        slot.commitSent = true;
        step.emit(new Effect.Persist(new Durable.PreparedCertificateHeld(certificate(v, slot))));
        Signed<Commit> commit = signer.sign(new Commit(v, n, d, id));
        slot.commits.computeIfAbsent(d, k -> new TreeMap<>()).put(id, commit);
        step.emit(new Effect.Broadcast(commit));
        step.trace("SendCommit", "v", v, "n", n, "d", d, "prepares",
                matching.keySet().stream().filter(q -> q != config.primary(v)).sorted().toList());
        execute(step);
    }

    /**
     * OSDI section 4.2 and 4.1: execute committed-local requests in sequence-number order and reply to their
     * clients. committed-local(v, n, d) is: prepared here, and 2f+1 matching COMMITs. Each client request
     * executes at most once (its timestamp must be newer than the client's last).
     * PBFT.tla has committed-local as a predicate only; TracePBFT.tla's Execute action checks each execution.
     */
    @SpecAction("Execute")
    private void execute(Step step) {
        while (true) {
            long n = lastExecuted + 1;
            Map<Long, Slot> views = log.get(n);
            Map.Entry<Long, Slot> readyEntry = views == null ? null
                    : views.entrySet().stream().filter(e -> committedLocal(e.getValue())).findFirst().orElse(null);
            if (readyEntry == null) {
                return;
            }
            Slot ready = readyEntry.getValue();
            // The digest logged is that of the batch executed, computed from its requests, so that a replica
            // executing something other than what it prepared leaves the spec visibly.
            step.trace("Execute", "v", readyEntry.getKey(), "n", n,
                    "d", batchDigest.apply(ready.prePrepare.message().batch()),
                    "commits", List.copyOf(ready.commits.get(ready.prePrepare.message().d()).keySet()));
            for (Signed<Request> signed : ready.prePrepare.message().batch()) {
                Request r = signed.message();
                pending.remove(new RequestKey(r.client(), r.timestamp()));
                orderedInView.remove(new RequestKey(r.client(), r.timestamp()));
                Signed<Reply> last = lastReply.get(r.client());
                if (last != null && r.timestamp() <= last.message().timestamp()) {
                    continue; // ordered twice (it survived in one view and was re-proposed in another)
                }
                String result = service.apply(r.client(), r.operation());
                Signed<Reply> reply = signer.sign(new Reply(view, r.timestamp(), r.client(), result, id));
                lastReply.put(r.client(), reply);
                step.emit(new Effect.Executed(n, r, result));
                step.emit(new Effect.Send(Principal.client(r.client()), reply));
            }
            lastExecuted = n;
            if (n % config.checkpointInterval() == 0) {
                takeCheckpoint(step, n);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // View change (OSDI section 4.4).

    /**
     * A backup waiting for a request it knows of runs the request timer; it restarts whenever execution
     * makes progress and stops when nothing is pending. A replica (the primary included) whose pre-prepared
     * requests of this view do not execute runs it too: when too few replicas are left in the view to form a
     * quorum (one moved on alone, one is faulty), only a new view can make progress, and the view change needs
     * f+1 replicas to start it. Found by the random scenarios (seed 1289: replica 2 alone in view 1, replica 3
     * silent, the primary waiting for ever).
     */
    private void adjustRequestTimer(Step step, boolean progressed) {
        boolean orderedNotExecuted = log.tailMap(lastExecuted, false).values().stream()
                .anyMatch(views -> views.containsKey(view) && views.get(view).prePrepare != null);
        boolean waiting = normal && ((config.primary(view) != id && !pending.isEmpty()) || orderedNotExecuted);
        if (requestTimerRunning && (!waiting || progressed)) {
            step.emit(new Effect.CancelTimer(Timer.REQUEST));
            requestTimerRunning = false;
        }
        if (waiting && !requestTimerRunning) {
            step.emit(new Effect.SetTimer(Timer.REQUEST, config.viewChangeTimeoutMillis()));
            requestTimerRunning = true;
        }
    }

    private void timerExpired(Step step, Timer timer) {
        if (timer == Timer.REQUEST) {
            requestTimerRunning = false;
            if (normal) {
                sendViewChange(step);
            }
        } else if (timer == Timer.NEW_VIEW) {
            newViewTimerRunning = false;
            if (!normal) {
                sendViewChange(step); // the NEW-VIEW did not come in time: try the next view
            }
        } else if (timer == Timer.STATUS) {
            step.emit(new Effect.Broadcast(signer.sign(new Message.Status(view, normal, lastExecuted, id))));
            step.emit(new Effect.SetTimer(Timer.STATUS, statusPeriodMillis()));
        }
    }

    /**
     * Section 4.5.2: a replica starts its NEW-VIEW timer only once 2f+1 replicas asked for the view it moves to
     * or a later one. A replica that timed out alone therefore waits instead of racing through views nobody
     * else will join; it rejoins through the f+1 rule or a forwarded NEW-VIEW. A later view counts: its sender
     * has given up this view too, and counting only this view's VIEW-CHANGEs deadlocked (soak seed 1226621:
     * replica 3 moved on to view 2 while 0 and 2 waited in view 1, whose primary was faulty, holding two
     * VIEW-CHANGEs for view 1 and one for view 2, short of both 2f+1 here and f+1 to join view 2).
     */
    private void armNewViewTimer(Step step) {
        long asking = viewChanges.tailMap(view, true).values().stream().flatMap(m -> m.keySet().stream())
                .distinct().count();
        if (!normal && !newViewTimerRunning && asking >= config.quorum()) {
            step.emit(new Effect.SetTimer(Timer.NEW_VIEW, config.viewChangeTimeoutMillis()));
            newViewTimerRunning = true;
        }
    }

    /**
     * Section 4.4: r's timer expired, so it moves to view v+1, stops accepting normal-case messages and
     * multicasts VIEW-CHANGE with its stable checkpoint (and proof) and its prepared certificates above it,
     * for each sequence number the one of the highest view. The spec's guard TimerMayExpire is the timer.
     */
    @SpecAction("SendViewChange")
    private void sendViewChange(Step step) {
        view = view + 1;
        normal = false;
        orderedInView.clear();
        List<Message.PreparedCertificate> certificates = new ArrayList<>();
        for (Map.Entry<Long, Map<Long, Slot>> entry : log.entrySet()) {
            entry.getValue().entrySet().stream()
                    .filter(e -> e.getKey() < view && e.getValue().commitSent)
                    .reduce((a, b) -> b) // views ascend: the last is the highest
                    .ifPresent(e -> certificates.add(certificate(e.getKey(), e.getValue())));
        }
        List<Signed<Checkpoint>> proof = stableProof;
        Signed<Message.ViewChange> vc = signer.sign(
                new Message.ViewChange(view, lowWatermark, proof, certificates, id));
        viewChanges.headMap(view).clear();
        viewChanges.computeIfAbsent(view, k -> new TreeMap<>()).put(id, vc);
        step.emit(new Effect.Persist(new Durable.ViewChangeSent(vc)));
        step.emit(new Effect.Broadcast(vc));
        if (newViewTimerRunning) {
            step.emit(new Effect.CancelTimer(Timer.NEW_VIEW));
            newViewTimerRunning = false;
        }
        armNewViewTimer(step);
        step.trace("SendViewChange", "v", view, "h", lowWatermark, "P", traceCertificates(certificates));
        sendNewView(step);
    }

    /**
     * Section 4.5.2: f+1 replicas asking for views above this one include an honest replica that timed out,
     * so this replica joins the view change at the smallest of those views rather than wait for its own
     * timer. The spec folds this trigger into TimerMayExpire.
     */
    private void joinViewChange(Step step) {
        var higher = viewChanges.tailMap(view, false);
        long askers = higher.values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
        if (askers >= config.weakQuorum()) {
            view = higher.firstKey() - 1;
            sendViewChange(step);
        }
    }

    private Message.PreparedCertificate certificate(long v, Slot slot) {
        Digest d = slot.prePrepare.message().d();
        List<Signed<Prepare>> prepares = slot.prepares.get(d).values().stream()
                .filter(p -> p.message().r() != config.primary(v))
                .limit(prepareQuorum())
                .toList();
        return new Message.PreparedCertificate(slot.prePrepare, prepares);
    }

    private void receiveViewChange(Step step, Signed<Message.ViewChange> signed) {
        Message.ViewChange vc = signed.message();
        if (vc.v() < view || (vc.v() == view && normal)) {
            step.drop(DropReason.WRONG_VIEW);
        } else if (!validViewChange(vc)) {
            step.drop(DropReason.INVALID_CERTIFICATE);
        } else if (viewChanges.computeIfAbsent(vc.v(), k -> new TreeMap<>()).putIfAbsent(vc.r(), signed) != null) {
            step.drop(DropReason.DUPLICATE);
        } else {
            joinViewChange(step);
            armNewViewTimer(step);
            sendNewView(step);
        }
    }

    /**
     * What a receiver checks of a VIEW-CHANGE for view v (section 4.4): its checkpoint proof is 2f+1 matching
     * CHECKPOINTs from distinct replicas, and every prepared certificate is one (the spec's ValidCert): a
     * PRE-PREPARE from the primary of a view below v, for a sequence number above the checkpoint and within
     * the window, and 2f matching PREPAREs from distinct backups. The signatures are the runtime's job.
     */
    private boolean validViewChange(Message.ViewChange vc) {
        if (!validCheckpointProof(vc.stableN(), vc.checkpointProof())) {
            return false;
        }
        java.util.Set<Long> seqs = new java.util.HashSet<>();
        for (Message.PreparedCertificate c : vc.prepared()) {
            if (!validCertificate(c) || c.v() >= vc.v() || c.n() <= vc.stableN()
                    || c.n() > vc.stableN() + config.watermarkWindow() || !seqs.add(c.n())) {
                return false;
            }
        }
        return true;
    }

    /** 2f+1 CHECKPOINTs from distinct replicas for (stableN, one digest); nothing needed for stableN = 0. */
    private boolean validCheckpointProof(long stableN, List<Signed<Checkpoint>> checkpointProof) {
        if (stableN == 0) {
            return true;
        }
        var proof = checkpointProof.stream().map(Signed::message).toList();
        long signers = proof.stream().map(Checkpoint::r).distinct().count();
        return signers >= config.quorum() && signers == proof.size() && proof.stream().allMatch(c -> c.n() == stableN
                && c.stateDigest().equals(proof.get(0).stateDigest()));
    }

    private boolean validCertificate(Message.PreparedCertificate c) {
        PrePrepare pp = c.prePrepare().message();
        if (pp.primary() != config.primary(pp.v()) || !pp.d().equals(batchDigest.apply(pp.batch()))) {
            return false;
        }
        long backups = c.prepares().stream().map(Signed::message)
                .filter(p -> p.v() == pp.v() && p.n() == pp.n() && p.d().equals(pp.d()) && p.r() != pp.primary())
                .map(Prepare::r).distinct().count();
        return backups >= prepareQuorum() && backups == c.prepares().size();
    }

    /**
     * Section 4.4: the primary of view v, holding 2f+1 valid VIEW-CHANGEs for v (its own among them),
     * multicasts NEW-VIEW with them (V) and the pre-prepares O it computes from them, and enters v. V is the
     * quorum of lowest replica ids, so that the step is deterministic.
     */
    @SpecAction("SendNewView")
    private void sendNewView(Step step) {
        Map<Integer, Signed<Message.ViewChange>> received = viewChanges.getOrDefault(view, Map.of());
        if (normal || config.primary(view) != id || !received.containsKey(id) || received.size() < config.quorum()) {
            return;
        }
        List<Signed<Message.ViewChange>> v = received.values().stream().limit(config.quorum()).toList();
        List<Signed<PrePrepare>> o = newViewPrePrepares(view, v).stream().map(signer::sign).toList();
        Signed<Message.NewView> nv = signer.sign(new Message.NewView(view, v, o, id));
        currentNewView = nv;
        step.emit(new Effect.Persist(new Durable.NewViewEntered(nv)));
        step.emit(new Effect.Broadcast(nv));
        step.trace("SendNewView", "v", view, "V", traceViewChanges(v), "O", traceO(o));
        enterView(step, v, o);
        sendPrePrepare(step);
    }

    /**
     * Section 4.4: backup r accepts a NEW-VIEW for view v at least its own if it comes from the primary of v,
     * V holds 2f+1 valid VIEW-CHANGEs for v from distinct replicas, and O is exactly what r computes from V
     * (the spec's AcceptableOs). It enters v and sends a PREPARE for every pre-prepare in O.
     */
    @SpecAction("AcceptNewView")
    private void acceptNewView(Step step, Signed<Message.NewView> signed) {
        Message.NewView nv = signed.message();
        if (nv.v() < view || (nv.v() == view && normal)) {
            step.drop(DropReason.WRONG_VIEW);
            return;
        }
        if (nv.primary() != config.primary(nv.v()) || nv.primary() == id) {
            step.drop(DropReason.NOT_FROM_PRIMARY);
            return;
        }
        long senders = nv.viewChanges().stream().map(s -> s.message().r()).distinct().count();
        boolean valid = senders == nv.viewChanges().size() && senders >= config.quorum()
                && nv.viewChanges().stream().allMatch(s -> s.message().v() == nv.v() && validViewChange(s.message()))
                && nv.prePrepares().stream().map(Signed::message).toList()
                        .equals(newViewPrePrepares(nv.v(), nv.viewChanges()));
        if (!valid) {
            step.drop(DropReason.INVALID_NEW_VIEW);
            return;
        }
        view = nv.v();
        currentNewView = signed;
        step.emit(new Effect.Persist(new Durable.NewViewEntered(signed)));
        step.trace("AcceptNewView", "v", view, "V", traceViewChanges(nv.viewChanges()), "O", traceO(nv.prePrepares()));
        enterView(step, nv.viewChanges(), nv.prePrepares());
        for (Signed<PrePrepare> pp : nv.prePrepares()) {
            if (pp.message().n() > lowWatermark) {
                sendPrepareInNewView(step, pp);
            }
        }
    }

    /** A backup's PREPARE for one pre-prepare of O: part of the AcceptNewView step, as in the spec. */
    private void sendPrepareInNewView(Step step, Signed<PrePrepare> signed) {
        PrePrepare pp = signed.message();
        Slot slot = slot(pp.v(), pp.n());
        slot.prePrepare = signed;
        broadcastPrepare(step, slot, pp);
        sendCommit(step, pp.v(), pp.n());
    }

    private void enterView(Step step, List<Signed<Message.ViewChange>> v, List<Signed<PrePrepare>> o) {
        normal = true;
        if (newViewTimerRunning) {
            step.emit(new Effect.CancelTimer(Timer.NEW_VIEW));
            newViewTimerRunning = false;
        }
        // Section 4.4: the new view starts above the latest stable checkpoint in V (min-s), proven by 2f+1
        // CHECKPOINTs. A replica behind it (one that restarted, say) moves its window there and fetches the
        // state; otherwise, with O empty, a new primary would assign sequence numbers that others executed
        // long ago. Found by the Jazzer schedule fuzzer: a restarted primary re-used n=1 (Agreement broken).
        Signed<Message.ViewChange> highest = v.stream().max(java.util.Comparator.comparingLong(s -> s.message().stableN()))
                .orElse(null);
        if (highest != null) {
            stabilise(step, highest.message().stableN(), highest.message().checkpointProof());
        }
        long maxS = lowWatermark;
        orderedInView.clear();
        for (Signed<PrePrepare> pp : o) {
            maxS = Math.max(maxS, pp.message().n());
            for (Signed<Request> r : pp.message().batch()) {
                RequestKey key = new RequestKey(r.message().client(), r.message().timestamp());
                pending.remove(key);
                if (config.primary(view) == id) {
                    orderedInView.put(key, pp.message().n()); // O assigned it in this view already
                }
            }
        }
        nextSeq = maxS + 1;
        viewChanges.headMap(view, true).clear();
        if (config.primary(view) == id) {
            for (Signed<PrePrepare> pp : o) {
                if (pp.message().n() > lowWatermark) {
                    slot(view, pp.message().n()).prePrepare = pp; // O is the new primary's pre-prepares
                    sendCommit(step, view, pp.message().n());
                }
            }
        }
    }

    /**
     * The O of section 4.4 (the spec's NewViewOs): for every sequence number above the highest stable
     * checkpoint in V up to the highest in any certificate of V, a PRE-PREPARE for view v with the batch of
     * the certificate of the highest view, or the null request if there is none. The primary signs them; a
     * backup recomputes the same messages and compares them with the ones in the NEW-VIEW.
     */
    private List<PrePrepare> newViewPrePrepares(long v, List<Signed<Message.ViewChange>> vcs) {
        long minS = vcs.stream().mapToLong(s -> s.message().stableN()).max().orElse(0);
        TreeMap<Long, Message.PreparedCertificate> best = new TreeMap<>();
        for (Signed<Message.ViewChange> s : mutants.contains(Mutant.NEW_VIEW_WITHOUT_CERTIFICATES) ? List.<Signed<Message.ViewChange>>of() : vcs) {
            for (Message.PreparedCertificate c : s.message().prepared()) {
                if (c.n() > minS) {
                    best.merge(c.n(), c, (a, b) -> b.v() > a.v() ? b : a);
                }
            }
        }
        long maxS = best.isEmpty() ? minS : best.lastKey();
        List<PrePrepare> o = new ArrayList<>();
        for (long n = minS + 1; n <= maxS; n++) {
            Message.PreparedCertificate c = best.get(n);
            List<Signed<Request>> batch = c == null ? List.of() : c.prePrepare().message().batch();
            o.add(new PrePrepare(v, n, batchDigest.apply(batch), batch, config.primary(v)));
        }
        return o;
    }

    // Trace parameters in the shapes of trace-validation/FORMAT.md: certificates as {n, v, d}, V as {r, h, P},
    // O as {n, d}, digests as hex.

    private static List<Map<String, Object>> traceCertificates(List<Message.PreparedCertificate> certificates) {
        return certificates.stream().sorted(java.util.Comparator.comparingLong(Message.PreparedCertificate::n))
                .map(c -> traceMap("n", c.n(), "v", c.v(), "d", c.d().hex())).toList();
    }

    private static List<Map<String, Object>> traceViewChanges(List<Signed<Message.ViewChange>> vcs) {
        return vcs.stream().map(Signed::message).sorted(java.util.Comparator.comparingInt(Message.ViewChange::r))
                .map(vc -> traceMap("r", vc.r(), "h", vc.stableN(), "P", traceCertificates(vc.prepared()))).toList();
    }

    private static List<Map<String, Object>> traceO(List<Signed<PrePrepare>> o) {
        return o.stream().map(Signed::message).map(pp -> traceMap("n", pp.n(), "d", pp.d().hex())).toList();
    }

    /** Key-value pairs in the order given; digests as hex. */
    private static Map<String, Object> traceMap(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1] instanceof Digest d ? d.hex() : keyValues[i + 1]);
        }
        return map;
    }

    private boolean committedLocal(Slot slot) {
        if (!slot.commitSent) {
            return false; // not prepared here
        }
        Digest d = slot.prePrepare.message().d();
        return slot.commits.getOrDefault(d, Map.of()).size() >= config.quorum();
    }

    /**
     * OSDI section 4.3: a checkpoint with 2f+1 matching CHECKPOINT messages is stable; the replica discards
     * every log entry and checkpoint message at or below it and moves its low watermark up. This is what
     * keeps memory bounded in long runs. TracePBFT's CheckpointStable step.
     */
    @SpecAction("CheckpointStable")
    private void collectGarbage(Step step, long n, Digest stateDigest) {
        Map<Integer, Signed<Checkpoint>> votes = checkpoints.getOrDefault(n, Map.of()).getOrDefault(stateDigest, Map.of());
        Digest own = ownCheckpoints.get(n);
        if (votes.size() < config.quorum() || n <= lowWatermark || n > lastExecuted
                || (own != null && !own.equals(stateDigest))) {
            // Not yet executed here: state transfer brings it. A different own digest cannot happen to an
            // honest replica (2f+1 agree, so f+1 honest ones do); it would wait for state transfer too.
            return;
        }
        stabilise(step, n, List.copyOf(votes.values()));
        step.trace("CheckpointStable", "n", n, "state", stateDigest, "proof", List.copyOf(votes.keySet()));
        sendPrePrepare(step); // the window moved: requests that queued at the primary can go now
    }

    /**
     * A checkpoint proven by 2f+1 matching CHECKPOINTs (already validated: collected here, or checked in the
     * VIEW-CHANGE or STATE that carried them) becomes stable: persisted, then applied. False if it is not above
     * the current one.
     */
    private boolean stabilise(Step step, long n, List<Signed<Checkpoint>> proof) {
        if (n <= lowWatermark) {
            return false;
        }
        Durable.CheckpointStable stable = new Durable.CheckpointStable(n, proof.get(0).message().stateDigest(), proof);
        step.emit(new Effect.Persist(stable));
        checkpointStable(stable);
        return true;
    }

    /** Moves the low watermark to a proven checkpoint and forgets everything at or below it. */
    private void checkpointStable(Durable.CheckpointStable stable) {
        long n = stable.n();
        if (n <= lowWatermark) {
            return;
        }
        lowWatermark = n;
        stableProof = stable.proof();
        checkpoints.computeIfAbsent(n, k -> new TreeMap<>()).computeIfAbsent(stable.stateDigest(), k -> new TreeMap<>());
        log.headMap(n, true).clear();
        checkpoints.headMap(n, false).clear();
        ownCheckpoints.headMap(n, true).clear();
        heldStates.headMap(n, false).clear();
        nextSeq = Math.max(nextSeq, n + 1);
    }

    /**
     * Section 4.3: at every checkpoint interval the replica snapshots its state, with the last reply to each
     * client (so that a replica restored from it still executes each request at most once), persists it, and
     * multicasts a CHECKPOINT with the digest of both. TracePBFT's SendCheckpoint step.
     */
    @SpecAction("SendCheckpoint")
    private void takeCheckpoint(Step step, long n) {
        Durable.StableState state = currentState();
        step.emit(new Effect.Persist(state));
        Digest stateDigest = state.digest(); // once: it hashes the whole snapshot
        ownCheckpoints.put(n, stateDigest);
        heldStates.put(n, state);
        Signed<Checkpoint> cp = signer.sign(new Checkpoint(n, stateDigest, id));
        checkpoints.computeIfAbsent(n, k -> new TreeMap<>())
                .computeIfAbsent(cp.message().stateDigest(), k -> new TreeMap<>()).put(id, cp);
        step.emit(new Effect.Broadcast(cp));
        step.trace("SendCheckpoint", "n", n, "state", stateDigest);
        collectGarbage(step, n, cp.message().stateDigest());
    }

    private Durable.StableState currentState() {
        List<Signed<Reply>> replies = lastReply.values().stream()
                .sorted(java.util.Comparator.comparingInt(r -> r.message().client())).toList();
        return new Durable.StableState(lastExecuted, service.snapshot(), replies);
    }

    /**
     * Takes a whole state (after a restart, or from state transfer) in place of executing up to its sequence
     * number: the service and the reply table (re-signed as this replica's own replies). The watermarks move
     * only with a proven checkpoint.
     */
    private void adoptState(Durable.StableState state) {
        if (state.n() <= lastExecuted) {
            return;
        }
        if (state.n() % config.checkpointInterval() == 0 && state.n() >= lowWatermark) {
            heldStates.put(state.n(), state); // a checkpoint's state this replica can offer in turn
        }
        service.restore(state.snapshot());
        lastReply.clear();
        for (Signed<Reply> r : state.replies()) {
            Reply m = r.message();
            lastReply.put(m.client(), signer.sign(new Reply(view, m.timestamp(), m.client(), m.result(), id)));
        }
        pending.keySet().removeIf(k -> lastReply.containsKey(k.client())
                && k.timestamp() <= lastReply.get(k.client()).message().timestamp());
        orderedInView.keySet().removeIf(k -> lastReply.containsKey(k.client())
                && k.timestamp() <= lastReply.get(k.client()).message().timestamp());
        lastExecuted = state.n();
        nextSeq = Math.max(nextSeq, state.n() + 1);
        ownCheckpoints.headMap(state.n(), true).clear();
    }

    /**
     * PREPAREs and COMMITs of the current view count; those of a view this replica has not entered yet are
     * kept too (nobody retransmits them, and a replica may learn of the NEW-VIEW last), but only a bounded
     * distance ahead, so that a faulty replica cannot fill the log with far-future views.
     */
    private boolean acceptableView(long v) {
        return v >= view && v <= view + config.n();
    }

    /**
     * PREPAREs needed besides the PRE-PREPARE: 2f when n = 3f+1, so that two certificates for one (v, n) share
     * an honest replica, which never accepts two digests (the spec's PrepareQuorum; NEG-PBFT-WeakPrepareQuorum
     * shows the loss of agreement with one fewer).
     */
    private int prepareQuorum() {
        return mutants.contains(Mutant.PREPARE_QUORUM_2F) ? config.prepareQuorum() - 1 : config.prepareQuorum();
    }

    /**
     * A PRE-PREPARE, PREPARE, COMMIT or CHECKPOINT for a sequence number outside the window: dropped, unless it
     * lies at most one window above it, where it waits until the window moves (one per sequence number, kind and
     * sender, so at most window x 4 x n messages wait, whatever faulty replicas send). Why: replicas move their
     * windows at slightly different times, and the first to move sends for the next sequence numbers at once;
     * dropped, those messages came back only with the STATUS retransmissions, half a view-change timeout later,
     * so under load every window stalled for that long (40,000 requests took 62 s of virtual time with a 5 s
     * timeout, 25 s with 2 s). Waiting is invisible to the spec, where a message stays in msgs until used.
     */
    private void keepOrDrop(Step step, long n, int sender, Signed<? extends Message> signed) {
        if (n <= lowWatermark || n > lowWatermark + 2L * config.watermarkWindow()) {
            step.drop(DropReason.OUTSIDE_WATERMARKS);
            return;
        }
        Message m = signed.message();
        int kind = m instanceof PrePrepare ? 0 : m instanceof Prepare ? 1 : m instanceof Commit ? 2 : 3;
        Map<Integer, Signed<? extends Message>> waiting = early.computeIfAbsent(n, k -> new TreeMap<>());
        Signed<? extends Message> before = waiting.get(kind * config.n() + sender);
        if (before != null && viewOf(m) <= viewOf(before.message())) {
            step.drop(DropReason.DUPLICATE);
            return;
        }
        // A later view's message replaces an earlier one's from the same sender: that one would be dropped as
        // from the wrong view anyway once the window reaches it.
        waiting.put(kind * config.n() + sender, signed);
    }

    /** The view a PRE-PREPARE, PREPARE or COMMIT is for; -1 for a CHECKPOINT, which has none. */
    private static long viewOf(Message m) {
        return m instanceof PrePrepare pp ? pp.v() : m instanceof Prepare p ? p.v() : m instanceof Commit c ? c.v() : -1;
    }

    /**
     * After each input: if the window moved, the messages that waited for it are handled, in sequence-number
     * order (and again if that moves it further). Not inside the handler that moved it, so that the trace shows
     * the step that moved the window (CheckpointStable, StateTransfer, AcceptNewView) before anything it allows.
     */
    private void handleEarly(Step step) {
        Map.Entry<Long, TreeMap<Integer, Signed<? extends Message>>> first;
        while ((first = early.firstEntry()) != null && first.getKey() <= lowWatermark + config.watermarkWindow()) {
            early.remove(first.getKey());
            if (first.getKey() > lowWatermark) {
                for (Signed<? extends Message> waiting : first.getValue().values()) {
                    receive(step, waiting);
                }
            }
        }
    }

    private boolean inWatermarks(long n) {
        return n > lowWatermark && n <= lowWatermark + config.watermarkWindow();
    }

    private Slot slot(long v, long n) {
        return log.computeIfAbsent(n, k -> new TreeMap<>()).computeIfAbsent(v, k -> new Slot());
    }

    /** What a replica knows about one (v, n). */
    private static final class Slot {
        Signed<PrePrepare> prePrepare;
        final Map<Digest, Map<Integer, Signed<Prepare>>> prepares = new TreeMap<>();
        final Map<Digest, Map<Integer, Signed<Commit>>> commits = new TreeMap<>();
        boolean commitSent;
    }

    private record RequestKey(int client, long timestamp) {
    }

    /** The effects of one step, in order. */
    private final class Step {
        final Input input;
        final List<Effect> effects = new ArrayList<>();

        /** Null for the steps that no input caused: start and recovery. */
        Step(Input input) {
            this.input = input;
        }

        void emit(Effect effect) {
            effects.add(effect);
        }

        void drop(DropReason reason) {
            effects.add(new Effect.Dropped(reason, input));
        }

        void trace(String action, Object... keyValues) {
            effects.add(new Effect.Traced(new TraceEvent(action, id, traceMap(keyValues))));
        }
    }
}
