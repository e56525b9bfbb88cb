package org.bftref.impl.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.Effect;
import org.bftref.impl.core.Input;
import org.bftref.impl.core.MessageSigner;
import org.bftref.impl.core.Replica;
import org.bftref.impl.core.Timer;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * n pure replica cores, each persisting to its own {@link FileStorage} in one directory, over a FIFO in-memory
 * network (like the core tests' TestCluster, which is package-private there). The test drives time: timers fire
 * only when it expires them. A crash closes the replica's storage and drops its volatile state; a restart
 * reopens the log and recovers the replica from it, exactly as a restarted process would.
 *
 * <p>It watches what the replicas send: every PRE-PREPARE, PREPARE and COMMIT goes to {@link #onVote} after
 * its Persist records were appended (the core emits them first), and every (view, sequence number) must keep one
 * digest per signer forever, across crashes ({@link #conflicts}).
 */
final class FileCluster implements AutoCloseable {

    /** Called before a vote leaves, after everything the replica persisted for it is durable. */
    interface VoteListener {
        void vote(int replica, String kind, long v, long n, Digest d);
    }

    record Delivery(int to, Signed<? extends Message> message) {
    }

    final Config config;
    final Path dir;
    final FileStorage.Options options;
    final Replica[] replicas;
    final FileStorage[] storages;
    final ChainService[] services;
    final List<RecoveryReport> reports = new ArrayList<>();
    private final Deque<Delivery> network = new ArrayDeque<>();
    private Predicate<Delivery> drop = d -> false;
    VoteListener onVote = (r, kind, v, n, d) -> { };

    /** Per replica, what it executed at each sequence number (a batch's requests, in order). */
    final List<TreeMap<Long, List<String>>> executed = new ArrayList<>();
    /** Per replica, the requests it executed ("client/timestamp"), to tell when a request completed. */
    private final List<Set<String>> executedRequests = new ArrayList<>();
    /** (kind, signer, v, n) -> the digest it signed; a second digest is a conflict. */
    private final Map<String, Digest> votes = new HashMap<>();
    final List<String> conflicts = new ArrayList<>();

    FileCluster(Config config, Path dir, FileStorage.Options options) throws IOException {
        this.config = config;
        this.dir = dir;
        this.options = options;
        this.replicas = new Replica[config.n()];
        this.storages = new FileStorage[config.n()];
        this.services = new ChainService[config.n()];
        for (int i = 0; i < config.n(); i++) {
            executed.add(new TreeMap<>());
            executedRequests.add(new HashSet<>());
        }
        for (int i = 0; i < config.n(); i++) {
            open(i);
        }
        for (int i = 0; i < config.n(); i++) {
            handle(i, replicas[i].start());
        }
        run();
    }

    static MessageSigner signer(int replica) {
        return new MessageSigner() {
            @Override
            public <M extends Message> Signed<M> sign(M message) {
                if (!message.signer().equals(Principal.replica(replica))) {
                    throw new AssertionError(replica + " signing for " + message.signer());
                }
                return Samples.sign(message);
            }
        };
    }

    /** Opens replica i's log (new or existing) and builds the replica from its records. */
    private void open(int i) throws IOException {
        storages[i] = FileStorage.open(dir, i, options);
        reports.add(storages[i].recoveryReport());
        services[i] = new ChainService();
        replicas[i] = Replica.recover(config, i, signer(i), Samples::digest, services[i], storages[i].records());
        // It executes again what came after its last stable state; that is not a second, different execution.
        executed.get(i).tailMap(replicas[i].lastExecuted(), false).clear();
    }

    boolean up(int i) {
        return replicas[i] != null;
    }

    /** The process dies: nothing is written (every append was already forced), volatile state is gone. */
    void crash(int i) throws IOException {
        storages[i].close();
        storages[i] = null;
        replicas[i] = null;
        services[i] = null;
    }

    RecoveryReport restart(int i) throws IOException {
        open(i);
        handle(i, replicas[i].start());
        run();
        return storages[i].recoveryReport();
    }

    void dropWhen(Predicate<Delivery> predicate) {
        this.drop = predicate;
    }

    void expireAll(Timer timer) {
        for (int i = 0; i < config.n(); i++) {
            if (up(i)) {
                handle(i, replicas[i].step(new Input.TimerExpired(timer)));
            }
        }
        run();
    }

    /**
     * A client's request, multicast to every replica; if it does not complete (f+1 replicas executed it), the
     * status timers fire (catching up), then the request timers (a view change), and the client multicasts
     * again, a bounded number of times.
     *
     * @return whether it completed
     */
    boolean submit(Signed<Message.Request> request) {
        String key = request.message().client() + "/" + request.message().timestamp();
        for (int attempt = 0; attempt < 8; attempt++) {
            for (int i = 0; i < config.n(); i++) {
                network.add(new Delivery(i, request));
            }
            run();
            if (executedBy(key) >= config.weakQuorum()) {
                return true;
            }
            expireAll(attempt % 2 == 0 ? Timer.STATUS : Timer.REQUEST);
            if (executedBy(key) >= config.weakQuorum()) {
                return true;
            }
        }
        return false;
    }

    private int executedBy(String key) {
        int count = 0;
        for (int i = 0; i < config.n(); i++) {
            if (up(i) && executedRequests.get(i).contains(key)) {
                count++;
            }
        }
        return count;
    }

    void run() {
        while (!network.isEmpty()) {
            Delivery d = network.poll();
            if (!up(d.to()) || drop.test(d)) {
                continue;
            }
            handle(d.to(), replicas[d.to()].step(new Input.Deliver(d.message())));
        }
    }

    private void handle(int from, List<Effect> effects) {
        for (Effect e : effects) {
            if (e instanceof Effect.Persist p) {
                storages[from].append(p.record()); // forced before the next effect: persist before send
            } else if (e instanceof Effect.Broadcast b) {
                sent(from, b.message());
                for (int r = 0; r < config.n(); r++) {
                    if (r != from) {
                        network.add(new Delivery(r, b.message()));
                    }
                }
            } else if (e instanceof Effect.Send s) {
                sent(from, s.message());
                if (s.to() instanceof Principal.Replica to) {
                    network.add(new Delivery(to.id(), s.message()));
                }
            } else if (e instanceof Effect.Executed x) {
                Message.Request r = x.request();
                executed.get(from).computeIfAbsent(x.n(), k -> new ArrayList<>())
                        .add(r.client() + "/" + r.timestamp() + "/" + r.operation());
                executedRequests.get(from).add(r.client() + "/" + r.timestamp());
            }
        }
    }

    private void sent(int from, Signed<? extends Message> signed) {
        Message m = signed.message();
        if (m instanceof Message.PrePrepare pp) {
            vote(from, "PRE-PREPARE", pp.v(), pp.n(), pp.d());
        } else if (m instanceof Message.Prepare p) {
            vote(from, "PREPARE", p.v(), p.n(), p.d());
        } else if (m instanceof Message.Commit c) {
            vote(from, "COMMIT", c.v(), c.n(), c.d());
        }
    }

    private void vote(int from, String kind, long v, long n, Digest d) {
        Digest before = votes.putIfAbsent(kind + " " + from + " " + v + " " + n, d);
        if (before != null && !before.equals(d)) {
            conflicts.add("replica " + from + " signed " + kind + "s for (v=" + v + ", n=" + n + ") with digests "
                    + before + " and " + d);
        }
        onVote.vote(from, kind, v, n, d);
    }

    /**
     * Agreement: every two replicas that executed sequence number n executed the same requests there. Returns
     * the disagreements, empty if none.
     */
    List<String> disagreements() {
        List<String> out = new ArrayList<>();
        Map<Long, List<String>> first = new TreeMap<>();
        for (int i = 0; i < config.n(); i++) {
            for (Map.Entry<Long, List<String>> e : executed.get(i).entrySet()) {
                List<String> other = first.putIfAbsent(e.getKey(), e.getValue());
                if (other != null && !other.equals(e.getValue())) {
                    out.add("n=" + e.getKey() + ": " + other + " vs " + e.getValue() + " at replica " + i);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (int i = 0; i < config.n(); i++) {
            if (storages[i] != null) {
                try {
                    storages[i].close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
