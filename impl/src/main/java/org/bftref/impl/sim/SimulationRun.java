package org.bftref.impl.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bftref.impl.core.Client;
import org.bftref.impl.core.Config;
import org.bftref.impl.core.Effect;
import org.bftref.impl.core.InMemoryStorage;
import org.bftref.impl.core.Input;
import org.bftref.impl.core.Mutant;
import org.bftref.impl.core.Replica;
import org.bftref.impl.core.Timer;
import org.bftref.impl.core.TraceEvent;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.DecodeException;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.crypto.Signer;
import org.bftref.impl.crypto.Verifier;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;
import org.bftref.impl.sim.SimulationResult.ClientOp;
import org.bftref.impl.sim.SimulationResult.Execution;
import org.bftref.impl.sim.SimulationResult.TimedTraceEvent;

/**
 * One simulated run: the event loop over virtual time. Single use, single thread.
 *
 * <p>Determinism: events are ordered by (virtual time, insertion sequence); every random decision is a call to
 * the run's {@link Choices}, made in event order; every collection whose order matters is a list or a sorted
 * map. The wall clock is read only to report how long the run took.
 */
final class SimulationRun {

    private enum Kind { DELIVER_REPLICA, DELIVER_CLIENT, TIMER_REPLICA, TIMER_CLIENT, WAKE, CRASH, RESTART, TWIN_REDRAW }

    /**
     * Something that happens at a virtual time. {@code target} is an endpoint index, a client id or a replica
     * id depending on the kind; {@code arg} a timer ordinal or a wake tag; {@code generation} tells a timer or
     * alarm that was re-armed, cancelled or outlived by a crash from one that still counts.
     */
    private record Event(long time, long seq, Kind kind, int target, Signed<? extends Message> message, int arg,
                         long generation) {
    }

    private static final Timer[] TIMERS = Timer.values();
    private static final int VERIFIED_CACHE_MAX = 8_192;
    /** How many view-change timeouts a run waits, once its clients are done past GST, for laggards to catch up. */
    static final int SETTLE_TIMEOUTS = 10;

    private final Scenario scenario;
    private final Config config;
    private final Scenario.Network network;
    private final RecordingChoices choices;
    private final KeyRing keys;
    private final Codec codec = new Codec();
    private final boolean skipSignatureChecks;

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;
    private long now;
    private long processed;
    private long inFlight;
    /** When the clients were done and GST had passed; -1 before. */
    private long settlingSince = -1;

    private final List<Endpoint> endpoints = new ArrayList<>();
    /** Per replica id, its endpoints: one, or two for a twin. */
    private final List<List<Endpoint>> byReplica = new ArrayList<>();
    /** Per twin replica id: for every replica id, which copy of the twin it is connected to. */
    private final Map<Integer, int[]> twinSides = new TreeMap<>();
    private final List<ClientSlot> clients = new ArrayList<>();

    /**
     * Broadcasts hand the same object to every receiver, and verification is a pure function of it and the
     * verifier, so one check per object and verifier suffices: one verifier for all under the signature schemes,
     * one per receiver under the MAC scheme (each checks its own authenticator entries), where messages whose
     * answer is the same for every receiver share one entry (keyed by null). Identity, not equals, because
     * equals on nested records costs as much as a check.
     */
    private final Map<Verifier, Verifier.Memo> verified = new java.util.HashMap<>();
    /**
     * Below that, the signature checks themselves, shared by every endpoint's and client's verifier: under the
     * MAC scheme a PRE-PREPARE's deep check is per receiver (its authenticator entries), but its Ed25519
     * envelope is the same object for all, so it is checked once instead of n-1 times (see
     * {@link Verifier#remembering}).
     */
    private final Verifier.Memo signatureChecks = new Verifier.Memo(VERIFIED_CACHE_MAX);

    private final Map<Integer, List<Execution>> executions = new TreeMap<>();
    private final Map<Integer, Long> highestExecuted = new TreeMap<>();
    /**
     * What each replica executed, without the time: recognises a re-execution (after a restart) in constant time.
     * A scan of the list did the same, but a batch puts many requests at one sequence number, so the scan ran for
     * nearly every request and made long batched runs quadratic.
     */
    private final Map<Integer, java.util.Set<ExecutionKey>> executedKeys = new java.util.HashMap<>();

    private record ExecutionKey(long n, int client, long timestamp, String operation, String result) {
    }
    private final Map<String, Long> drops = new TreeMap<>();
    private final Map<String, Long> clientDrops = new TreeMap<>();
    /** What Byzantine replicas refused: not reported, since only honest replicas' drops say anything. */
    private final Map<String, Long> byzantineDrops = new TreeMap<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private final Map<String, Long> byzantineActions = new TreeMap<>();
    private final Map<String, Long> traceActions = new TreeMap<>();
    private final List<TimedTraceEvent> trace = new ArrayList<>();
    private final Set<Long> viewsEntered = new TreeSet<>();

    SimulationRun(Scenario scenario, Choices source) {
        this.scenario = scenario;
        this.config = scenario.config();
        this.network = scenario.network();
        this.choices = new RecordingChoices(source);
        this.keys = KeyRing.fromSeed(scenario.signatureScheme(), scenario.seed(), scenario.n(), scenario.clients());
        this.skipSignatureChecks = scenario.mutants().contains(Mutant.SKIP_SIGNATURE_CHECKS);
    }

    /** Observes the run (see {@link Simulator.Progress}); null for none. */
    private Simulator.Progress progress;

    SimulationRun withProgress(Simulator.Progress listener) {
        this.progress = listener;
        return this;
    }

    SimulationResult run() {
        long wallStart = System.nanoTime();
        setUp();
        SimulationResult.Stop stop;
        while (true) {
            if (allClientsDone() && now >= network.gstMillis()) {
                if (settlingSince < 0) {
                    settlingSince = now;
                }
                // Wait for laggards to catch up, but not forever: a replica that cannot is for the
                // properties to judge (finalStates shows it), not a reason to run to the time limit.
                boolean settled = honestReplicasCaughtUp() || now - settlingSince >= SETTLE_TIMEOUTS * config.viewChangeTimeoutMillis();
                if (inFlight == 0 && settled) {
                    stop = SimulationResult.Stop.COMPLETED;
                    break;
                }
            }
            Event e = queue.poll();
            if (e == null) {
                stop = allClientsDone() ? SimulationResult.Stop.COMPLETED : SimulationResult.Stop.STALLED;
                break;
            }
            if (e.time > scenario.maxVirtualMillis()) {
                now = scenario.maxVirtualMillis();
                stop = SimulationResult.Stop.TIME_LIMIT;
                break;
            }
            if (processed >= scenario.maxEvents()) {
                stop = SimulationResult.Stop.EVENT_LIMIT;
                break;
            }
            now = e.time;
            processed++;
            handle(e);
            if (progress != null && processed % Simulator.PROGRESS_EVERY == 0) {
                long decided = 0;
                for (List<?> done : executions.values()) {
                    decided = Math.max(decided, done.size()); // as SimulationResult.decisions() counts them
                }
                progress.at(now, processed, decided);
            }
        }
        long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
        return result(stop, wallMillis);
    }

    // ------------------------------------------------------------------------------------------------
    // Set-up

    private void setUp() {
        for (int r = 0; r < scenario.n(); r++) {
            List<Endpoint> copies = new ArrayList<>();
            Strategy strategy = scenario.byzantine().get(r);
            if (strategy == null) {
                copies.add(new Endpoint(r, 0, null));
                executions.put(r, new ArrayList<>());
            } else if (strategy == Strategy.TWINS) {
                copies.add(new Endpoint(r, 0, new TwinNode()));
                copies.add(new Endpoint(r, 1, new TwinNode()));
            } else {
                copies.add(new Endpoint(r, 0, node(strategy)));
            }
            byReplica.add(copies);
        }
        for (int c = 0; c < scenario.clients(); c++) {
            clients.add(new ClientSlot(c));
        }
        for (int r = 0; r < scenario.n(); r++) {
            if (scenario.byzantine().get(r) == Strategy.TWINS) {
                twinSides.put(r, drawSides(r));
                int redraws = choices.nextInt(3);
                for (int i = 0; i < redraws && network.gstMillis() > 1; i++) {
                    schedule(choices.between(1, network.gstMillis() - 1), Kind.TWIN_REDRAW, r, null, 0, 0);
                }
            }
        }
        for (Scenario.Crash c : scenario.crashes()) {
            schedule(c.crashAtMillis(), Kind.CRASH, c.replica(), null, 0, 0);
            if (c.restartAtMillis() >= 0) {
                schedule(c.restartAtMillis(), Kind.RESTART, c.replica(), null, 0, 0);
            }
        }
        for (Endpoint ep : endpoints) {
            ep.start();
        }
        for (ClientSlot c : clients) {
            c.submitNext();
        }
    }

    private Node node(Strategy strategy) {
        if (strategy == Strategy.SILENT) {
            return new SilentNode();
        } else if (strategy == Strategy.CRASH) {
            return new CrashNode();
        } else if (strategy == Strategy.EQUIVOCATE) {
            return new EquivocateNode();
        } else if (strategy == Strategy.DOUBLE_VOTE) {
            return new DoubleVoteNode();
        } else if (strategy == Strategy.REPLAY) {
            return new ReplayNode();
        } else if (strategy == Strategy.BAD_SIGNATURE) {
            return new BadSignatureNode();
        } else if (strategy == Strategy.FALSE_CERTIFICATE) {
            return new FalseCertificateNode();
        } else if (strategy == Strategy.NV_OMIT) {
            return new NvOmitNode();
        } else if (strategy == Strategy.FLOOD) {
            return new FloodNode();
        } else if (strategy == Strategy.BAD_AUTHENTICATOR) {
            return new BadAuthenticatorNode();
        }
        throw new IllegalArgumentException("no node for strategy " + strategy); // TWINS is two nodes, made above
    }

    /** Which copy of twin t each other replica hears; the choice 0 puts everyone with copy 0. */
    private int[] drawSides(int twin) {
        int[] sides = new int[scenario.n()];
        for (int j = 0; j < scenario.n(); j++) {
            sides[j] = j == twin ? 0 : choices.pick(2);
        }
        return sides;
    }

    // ------------------------------------------------------------------------------------------------
    // Events

    private void schedule(long time, Kind kind, int target, Signed<? extends Message> message, int arg, long generation) {
        queue.add(new Event(time, seq++, kind, target, message, arg, generation));
    }

    private void handle(Event e) {
        switch (e.kind) {
            case DELIVER_REPLICA -> {
                inFlight--;
                endpoints.get(e.target).receive(e.message);
            }
            case DELIVER_CLIENT -> {
                inFlight--;
                clients.get(e.target).receive(e.message);
            }
            case TIMER_REPLICA -> endpoints.get(e.target).timerFired(TIMERS[e.arg], e.generation);
            case TIMER_CLIENT -> clients.get(e.target).timerFired(TIMERS[e.arg], e.generation);
            case WAKE -> endpoints.get(e.target).wake(e.arg, e.generation);
            case CRASH -> byReplica.get(e.target).get(0).crash();
            case RESTART -> byReplica.get(e.target).get(0).restart();
            case TWIN_REDRAW -> {
                twinSides.put(e.target, drawSides(e.target));
                count(byzantineActions, "TWINS:repartition");
            }
            default -> throw new AssertionError(e.kind);
        }
    }

    /**
     * Every honest replica that is up has executed as far as the others: a replica that fell behind catches up
     * through status messages and state transfer, and the run waits for that (or for its time limit).
     */
    private boolean honestReplicasCaughtUp() {
        long executed = -1;
        for (List<Endpoint> copies : byReplica) {
            Endpoint ep = copies.get(0);
            if (ep.honest() && ep.up) {
                if (executed >= 0 && ep.core.lastExecuted() != executed) {
                    return false;
                }
                executed = ep.core.lastExecuted();
            }
        }
        return true;
    }

    private boolean allClientsDone() {
        for (ClientSlot c : clients) {
            if (!c.done()) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------
    // The network

    /** From a replica endpoint to every other replica. */
    private void broadcastFrom(Endpoint from, Signed<? extends Message> message) {
        for (int j = 0; j < scenario.n(); j++) {
            if (j != from.replica) {
                toReplica(from, j, message);
            }
        }
    }

    private void sendFrom(Endpoint from, Principal to, Signed<? extends Message> message) {
        if (to instanceof Principal.Replica r) {
            if (r.id() >= scenario.n() || r.id() == from.replica) {
                count(counters, "messages.misaddressed");
                return;
            }
            toReplica(from, r.id(), message);
        } else {
            if (to.id() >= scenario.clients()) {
                count(counters, "messages.misaddressed");
                return;
            }
            transmit(from.replica, -1, Kind.DELIVER_CLIENT, to.id(), message);
        }
    }

    private void toReplica(Endpoint from, int replica, Signed<? extends Message> message) {
        for (Endpoint to : byReplica.get(replica)) {
            if (connected(from, to)) {
                transmit(from.replica, replica, Kind.DELIVER_REPLICA, to.index, message);
            }
        }
    }

    private void clientToReplica(int replica, Signed<? extends Message> message) {
        for (Endpoint to : byReplica.get(replica)) {
            transmit(-1, replica, Kind.DELIVER_REPLICA, to.index, message); // clients hear every twin
        }
    }

    /** A twin's copy talks only to the replicas on its side; everyone else is connected to everyone. */
    private boolean connected(Endpoint a, Endpoint b) {
        int[] sidesA = twinSides.get(a.replica);
        if (sidesA != null && sidesA[b.replica] != a.copy) {
            return false;
        }
        int[] sidesB = twinSides.get(b.replica);
        return sidesB == null || sidesB[a.replica] == b.copy;
    }

    /**
     * One message on one link. Before GST it may be cut by a partition, lost, delayed anywhere in the range and
     * duplicated (the copy with its own delay); from GST on it arrives once, within the bound.
     */
    private void transmit(int fromReplica, int toReplica, Kind kind, int target, Signed<? extends Message> message) {
        count(counters, "messages.sent");
        if (now < network.gstMillis()) {
            if (network.cut(now, fromReplica, toReplica)) {
                count(counters, "messages.partitioned");
                return;
            }
            if (choices.chance(network.dropPercent())) {
                count(counters, "messages.lost");
                return;
            }
            deliverAfter(choices.between(network.minDelayMillis(), network.maxDelayMillis()), kind, target, message);
            if (choices.chance(network.duplicatePercent())) {
                count(counters, "messages.duplicated");
                deliverAfter(choices.between(network.minDelayMillis(), network.maxDelayMillis()), kind, target, message);
            }
        } else {
            long max = network.maxDelayAfterGstMillis();
            deliverAfter(choices.between(Math.min(network.minDelayMillis(), max), max), kind, target, message);
        }
    }

    private void deliverAfter(long delay, Kind kind, int target, Signed<? extends Message> message) {
        inFlight++;
        schedule(now + delay, kind, target, message, 0, 0);
    }

    /** Deep verification, once per message object and verifier; the codec round trip first when the scenario asks for it. */
    private Signed<? extends Message> checked(Signed<? extends Message> message, Verifier verifier, boolean verify,
                                              Map<String, Long> dropCounts) {
        Signed<? extends Message> m = message;
        if (scenario.checkWireFormat()) {
            try {
                m = codec.decode(Codec.encode(message));
            } catch (DecodeException | IllegalArgumentException e) {
                count(dropCounts, "UNDECODABLE");
                return null;
            }
            if (!m.equals(message)) {
                throw new IllegalStateException("the codec changed a message on the way: " + message + " became " + m);
            }
        }
        if (verify) {
            Signed<? extends Message> received = m;
            boolean ok = verified.computeIfAbsent(verifier.sameForEveryViewer(m) ? null : verifier,
                    v -> new Verifier.Memo(VERIFIED_CACHE_MAX)).check(message, x -> verifier.verifyDeep(received));
            if (!ok) {
                count(dropCounts, "BAD_SIGNATURE");
                return null;
            }
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------
    // Results

    private static void count(Map<String, Long> counts, String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private SimulationResult result(SimulationResult.Stop stop, long wallMillis) {
        Map<Integer, SimulationResult.FinalState> finalStates = new TreeMap<>();
        for (List<Endpoint> copies : byReplica) {
            Endpoint ep = copies.get(0);
            if (ep.honest()) {
                finalStates.put(ep.replica, ep.up ? ep.state() : ep.stateAtCrash);
            }
        }
        List<ClientOp> ops = new ArrayList<>();
        for (ClientSlot c : clients) {
            ops.addAll(c.ops());
        }
        long views = viewsEntered.stream().filter(v -> v > 0).count();
        return new SimulationResult(scenario, executions, ops, finalStates, views, drops, clientDrops, counters,
                byzantineActions, traceActions, trace, now, wallMillis, processed, stop, choices.recorded());
    }

    /**
     * An executed request of honest replica r. A restarted replica executes again what followed its last
     * stable state; a repetition of what it executed before at the same n is not reported again, and anything
     * else at an n it had passed is reported, since it contradicts its own history.
     */
    private void executed(int r, Effect.Executed x) {
        List<Execution> list = executions.get(r);
        Execution e = new Execution(x.n(), x.request().client(), x.request().timestamp(), x.request().operation(),
                x.result(), now);
        long highest = highestExecuted.getOrDefault(r, 0L);
        ExecutionKey key = new ExecutionKey(e.n(), e.client(), e.timestamp(), e.operation(), e.result());
        if (!executedKeys.computeIfAbsent(r, k -> new java.util.HashSet<>()).add(key)) {
            count(counters, "reexecuted");
            return;
        }
        list.add(e);
        highestExecuted.put(r, Math.max(highest, x.n()));
    }

    private void traced(TraceEvent event) {
        count(traceActions, event.action());
        if (event.action().equals("SendNewView") || event.action().equals("AcceptNewView")) {
            Object v = event.params().get("v");
            if (v instanceof Number number) {
                viewsEntered.add(number.longValue());
            }
        }
        if (scenario.recordTrace()) {
            trace.add(new TimedTraceEvent(now, event));
        }
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * A place a replica runs: an honest replica's core (with its storage, which outlives crashes), or a
     * Byzantine node. It is the node's {@link Env}.
     */
    private final class Endpoint implements Env {
        final int index;
        final int replica;
        final int copy;
        final Node node;
        final Signer signer;
        final Verifier verifier;
        final InMemoryStorage storage;
        final long[] timerGeneration = new long[TIMERS.length];
        final List<Integer> others;
        Replica core;
        LogService service;
        boolean up = true;
        long incarnation;
        SimulationResult.FinalState stateAtCrash;

        Endpoint(int replica, int copy, Node node) {
            this.index = endpoints.size();
            this.replica = replica;
            this.copy = copy;
            this.node = node;
            this.signer = keys.signer(Principal.replica(replica));
            this.verifier = keys.verifier(Principal.replica(replica)).remembering(signatureChecks);
            this.storage = node == null ? new InMemoryStorage() : null;
            List<Integer> ids = new ArrayList<>();
            for (int j = 0; j < scenario.n(); j++) {
                if (j != replica) {
                    ids.add(j);
                }
            }
            this.others = Collections.unmodifiableList(ids);
            endpoints.add(this);
        }

        boolean honest() {
            return node == null;
        }

        /** Where this honest replica stands now; it must be up. */
        SimulationResult.FinalState state() {
            return new SimulationResult.FinalState(core.view(), core.lastExecuted(), service.stateDigest().hex());
        }

        void start() {
            if (honest()) {
                service = new LogService();
                core = new Replica(config, replica, signer::sign, Codec::batchDigest, service, scenario.mutants());
                apply(core.start());
            } else {
                node.start(this);
            }
        }

        void receive(Signed<? extends Message> message) {
            if (!up) {
                count(counters, "messages.toDownReplica");
                return;
            }
            Map<String, Long> dropCounts = honest() ? drops : byzantineDrops;
            Signed<? extends Message> m = checked(message, verifier, !(honest() && skipSignatureChecks), dropCounts);
            if (m == null) {
                return;
            }
            count(counters, "messages.delivered");
            if (honest()) {
                apply(core.step(new Input.Deliver(m)));
            } else {
                node.deliver(this, m);
            }
        }

        void timerFired(Timer timer, long generation) {
            if (!up || generation != timerGeneration[timer.ordinal()]) {
                return; // re-armed, cancelled, or lost in a crash since
            }
            if (honest()) {
                apply(core.step(new Input.TimerExpired(timer)));
            } else {
                node.timerExpired(this, timer);
            }
        }

        void wake(int tag, long generation) {
            if (up && generation == incarnation && node != null) {
                node.wake(this, tag);
            }
        }

        /** Everything but the storage is lost: the core, its timers, and what arrives while it is down. */
        void crash() {
            if (!up) {
                return;
            }
            stateAtCrash = state();
            core = null;
            service = null;
            up = false;
            incarnation++;
            for (int t = 0; t < timerGeneration.length; t++) {
                timerGeneration[t]++;
            }
            count(counters, "crashes");
        }

        void restart() {
            if (up) {
                return;
            }
            service = new LogService();
            core = Replica.recover(config, replica, signer::sign, Codec::batchDigest, service, storage.records(),
                    scenario.mutants());
            up = true;
            count(counters, "restarts");
            apply(core.start());
        }

        /** An honest replica's effects, in order; a Persist completes before any effect after it. */
        void apply(List<Effect> effects) {
            for (Effect e : effects) {
                if (e instanceof Effect.Persist p) {
                    storage.append(p.record());
                    count(counters, "persisted");
                } else if (e instanceof Effect.Broadcast b) {
                    broadcastFrom(this, b.message());
                } else if (e instanceof Effect.Send s) {
                    sendFrom(this, s.to(), s.message());
                } else if (e instanceof Effect.SetTimer t) {
                    setTimer(t.timer(), t.delayMillis());
                } else if (e instanceof Effect.CancelTimer c) {
                    cancelTimer(c.timer());
                } else if (e instanceof Effect.Executed x) {
                    executed(replica, x);
                } else if (e instanceof Effect.Dropped d) {
                    count(drops, d.reason().name());
                } else if (e instanceof Effect.Traced t) {
                    traced(t.event());
                } else if (e instanceof Effect.Completed) {
                    throw new IllegalStateException("replica " + replica + " completed a client request: " + e);
                } else {
                    throw new IllegalStateException("an effect the simulator does not know: " + e);
                }
            }
        }

        // Env, for Byzantine nodes

        @Override
        public long now() {
            return now;
        }

        @Override
        public Choices choices() {
            return choices;
        }

        @Override
        public Scenario scenario() {
            return scenario;
        }

        @Override
        public Config config() {
            return config;
        }

        @Override
        public int id() {
            return replica;
        }

        @Override
        public Signer signer() {
            return signer;
        }

        @Override
        public List<Integer> others() {
            return others;
        }

        @Override
        public void broadcast(Signed<? extends Message> message) {
            broadcastFrom(this, message);
        }

        @Override
        public void send(Principal to, Signed<? extends Message> message) {
            sendFrom(this, to, message);
        }

        @Override
        public void setTimer(Timer timer, long delayMillis) {
            long generation = ++timerGeneration[timer.ordinal()];
            schedule(now + Math.max(0, delayMillis), Kind.TIMER_REPLICA, index, null, timer.ordinal(), generation);
        }

        @Override
        public void cancelTimer(Timer timer) {
            timerGeneration[timer.ordinal()]++;
        }

        @Override
        public void wakeAfter(long delayMillis, int tag) {
            schedule(now + Math.max(0, delayMillis), Kind.WAKE, index, null, tag, incarnation);
        }

        @Override
        public void note(String action) {
            count(byzantineActions, scenario.byzantine().get(replica).name() + ":" + action);
        }
    }

    /** A client core, the operations it is to submit, and its timers. */
    private final class ClientSlot {
        final int id;
        final Client core;
        final Verifier verifier;
        final long[] timerGeneration = new long[TIMERS.length];
        final List<String> operations = new ArrayList<>();
        final List<long[]> timing = new ArrayList<>(); // per submitted op: timestamp, submittedAt, completedAt
        final Map<Integer, String> results = new LinkedHashMap<>();
        int submitted;

        ClientSlot(int id) {
            this.id = id;
            this.core = new Client(config, id, keys.signer(Principal.client(id))::sign);
            this.verifier = keys.verifier(Principal.client(id)).remembering(signatureChecks);
            for (int k = 1; k <= scenario.requestsPerClient(); k++) {
                operations.add("c" + id + "-op" + k);
            }
        }

        boolean done() {
            return submitted == operations.size() && !core.busy();
        }

        void submitNext() {
            if (submitted == operations.size()) {
                return;
            }
            List<Effect> effects = core.submit(operations.get(submitted));
            long timestamp = -1;
            for (Effect e : effects) {
                Signed<? extends Message> m = e instanceof Effect.Send s ? s.message()
                        : e instanceof Effect.Broadcast b ? b.message() : null;
                if (m != null && m.message() instanceof Message.Request r) {
                    timestamp = r.timestamp();
                    break;
                }
            }
            timing.add(new long[] {timestamp, now, -1});
            submitted++;
            apply(effects);
        }

        void receive(Signed<? extends Message> message) {
            Signed<? extends Message> m = checked(message, verifier, true, clientDrops);
            if (m != null) {
                count(counters, "messages.delivered");
                apply(core.step(new Input.Deliver(m)));
            }
        }

        void timerFired(Timer timer, long generation) {
            if (generation == timerGeneration[timer.ordinal()]) {
                apply(core.step(new Input.TimerExpired(timer)));
            }
        }

        void apply(List<Effect> effects) {
            boolean completed = false;
            for (Effect e : effects) {
                if (e instanceof Effect.Send s) {
                    if (s.to() instanceof Principal.Replica r && r.id() < scenario.n()) {
                        clientToReplica(r.id(), s.message());
                    } else {
                        count(counters, "messages.misaddressed");
                    }
                } else if (e instanceof Effect.Broadcast b) {
                    for (int r = 0; r < scenario.n(); r++) {
                        clientToReplica(r, b.message());
                    }
                } else if (e instanceof Effect.SetTimer t) {
                    long generation = ++timerGeneration[t.timer().ordinal()];
                    schedule(now + Math.max(0, t.delayMillis()), Kind.TIMER_CLIENT, id, null, t.timer().ordinal(), generation);
                } else if (e instanceof Effect.CancelTimer c) {
                    timerGeneration[c.timer().ordinal()]++;
                } else if (e instanceof Effect.Completed c) {
                    long[] current = timing.get(timing.size() - 1);
                    if (c.timestamp() != current[0]) {
                        throw new IllegalStateException("client " + id + " completed timestamp " + c.timestamp()
                                + " while waiting for " + current[0]);
                    }
                    current[2] = now;
                    results.put(timing.size() - 1, c.result());
                    completed = true;
                } else if (e instanceof Effect.Dropped d) {
                    count(clientDrops, d.reason().name());
                } else {
                    throw new IllegalStateException("an effect a client should not produce: " + e);
                }
            }
            if (completed) {
                submitNext();
            }
        }

        List<ClientOp> ops() {
            List<ClientOp> ops = new ArrayList<>();
            for (int k = 0; k < operations.size(); k++) {
                if (k < timing.size()) {
                    long[] t = timing.get(k);
                    ops.add(new ClientOp(id, t[0], operations.get(k), t[1], t[2], results.get(k)));
                } else {
                    ops.add(new ClientOp(id, -1, operations.get(k), -1, -1, null));
                }
            }
            return ops;
        }
    }
}
