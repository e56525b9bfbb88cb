package org.bftref.impl.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.DecodeException;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.message.Digest;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signature;
import org.bftref.impl.message.Signed;

/**
 * n replicas wired by a FIFO in-memory network, for core tests only: every broadcast reaches every other
 * replica, in send order, unless a test filters it. Signatures are placeholders (the core never verifies;
 * the runtime does, and the crypto tests cover it).
 */
final class TestCluster {

    final Config config;
    final List<Replica> replicas = new ArrayList<>();
    /** What each replica persisted; it survives {@link #crash}. */
    final List<InMemoryStorage> storages = new ArrayList<>();
    private final java.util.Set<Integer> down = new java.util.TreeSet<>();
    private java.util.Set<Mutant> mutants = java.util.Set.of();
    final List<TestService> services = new ArrayList<>();
    final List<Effect> effects = new ArrayList<>();
    private final Deque<Delivery> network = new ArrayDeque<>();
    private Predicate<Delivery> drop = d -> false;

    record Delivery(int to, Signed<? extends Message> message) {
    }

    /** Null for placeholder signatures; otherwise real keys, and every delivery crosses the wire. */
    private final KeyRing keys;
    private final Codec codec = new Codec();

    TestCluster(Config config) {
        this(config, null);
    }

    /**
     * With real keys: replicas sign with them and use the canonical batch digest, and every message is
     * encoded, decoded and deeply verified on its way, as the runtime will do.
     */
    TestCluster(Config config, KeyRing keys) {
        this.config = config;
        this.keys = keys;
        for (int i = 0; i < config.n(); i++) {
            int id = i;
            TestService service = new TestService();
            services.add(service);
            storages.add(new InMemoryStorage());
            replicas.add(keys == null
                    ? new Replica(config, id, signer(Principal.replica(id)), TestCluster::digest, service)
                    : new Replica(config, id, keys.signer(Principal.replica(id))::sign, Codec::batchDigest, service));
        }
    }

    /** A client's request, signed with the ring's client key when there is a ring. */
    Signed<Message.Request> signedRequest(int client, long timestamp, String op) {
        Message.Request r = new Message.Request(client, timestamp, op);
        return keys == null ? signer(Principal.client(client)).sign(r) : keys.signer(Principal.client(client)).sign(r);
    }

    private Signed<? extends Message> overTheWire(Signed<? extends Message> message) {
        if (keys == null) {
            return message;
        }
        try {
            Signed<? extends Message> received = codec.decode(Codec.encode(message));
            if (!received.equals(message) || !keys.verifier().verifyDeep(received)) {
                throw new AssertionError("a correctly signed message failed on the wire: " + message);
            }
            return received;
        } catch (DecodeException e) {
            throw new AssertionError("a message the codec wrote does not decode: " + e.getMessage());
        }
    }

    static MessageSigner signer(Principal who) {
        return new MessageSigner() {
            @Override
            public <M extends Message> Signed<M> sign(M message) {
                return new Signed<>(message, new Signature(who.toString().getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    /** A deterministic stand-in for the canonical batch digest. */
    static Digest digest(List<Signed<Message.Request>> batch) {
        return Digest.of(batch.stream().map(s -> s.message().toString()).collect(Collectors.joining("|")));
    }

    static Signed<Message.Request> request(int client, long timestamp, String op) {
        return signer(Principal.client(client)).sign(new Message.Request(client, timestamp, op));
    }

    /** Replaces every replica by one with these rules broken (before anything happened). */
    void mutate(java.util.Set<Mutant> mutants) {
        this.mutants = java.util.Set.copyOf(mutants);
        for (int i = 0; i < config.n(); i++) {
            replicas.set(i, new Replica(config, i, signer(Principal.replica(i)), TestCluster::digest, services.get(i), mutants));
        }
    }

    /** The replica stops; its volatile state is gone, its storage stays; messages to it are lost while down. */
    void crash(int replica) {
        down.add(replica);
    }

    /** The replica comes back from its storage with a fresh service, and announces itself. */
    void restart(int replica) {
        TestService fresh = new TestService();
        services.set(replica, fresh);
        replicas.set(replica, Replica.recover(config, replica, signer(Principal.replica(replica)), TestCluster::digest,
                fresh, storages.get(replica).records(), mutants));
        down.remove(replica);
        handle(replica, replicas.get(replica).start());
        run();
    }

    void dropWhen(Predicate<Delivery> predicate) {
        this.drop = predicate;
    }

    /** Hands a message to one replica, then delivers everything that follows until the network is empty. */
    void deliver(int to, Signed<? extends Message> message) {
        network.add(new Delivery(to, message));
        run();
    }

    /** A replica's timer expires; then everything that follows is delivered. */
    void expire(int replica, Timer timer) {
        handle(replica, replicas.get(replica).step(new Input.TimerExpired(timer)));
        run();
    }

    /** Hands a message to every replica (a client that multicasts its request), one after the other. */
    void deliverToAll(Signed<? extends Message> message) {
        for (int r = 0; r < config.n(); r++) {
            deliver(r, message);
        }
    }

    void run() {
        while (!network.isEmpty()) {
            Delivery d = network.poll();
            if (drop.test(d) || down.contains(d.to())) {
                continue;
            }
            handle(d.to(), replicas.get(d.to()).step(new Input.Deliver(overTheWire(d.message()))));
        }
    }

    /** Records a replica's effects and puts what it broadcast on the network. */
    private void handle(int from, List<Effect> out) {
        effects.addAll(out);
        for (Effect e : out) {
            if (e instanceof Effect.Persist p) {
                storages.get(from).append(p.record());
            } else if (e instanceof Effect.Broadcast b) {
                for (int r = 0; r < config.n(); r++) {
                    if (r != from) {
                        network.add(new Delivery(r, b.message()));
                    }
                }
            } else if (e instanceof Effect.Send s && s.to() instanceof Principal.Replica to) {
                network.add(new Delivery(to.id(), s.message()));
            }
        }
    }

    <E extends Effect> List<E> effects(Class<E> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> traceActions() {
        return effects(Effect.Traced.class).stream().map(t -> t.event().action()).toList();
    }

    /** A replicated log of operations: the state is the list itself. */
    static final class TestService implements Service {
        final List<String> applied = new ArrayList<>();

        @Override
        public String apply(int client, String operation) {
            applied.add(operation);
            return "ok:" + operation + "#" + applied.size();
        }

        @Override
        public byte[] snapshot() {
            return String.join("\n", applied).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void restore(byte[] snapshot) {
            applied.clear();
            String text = new String(snapshot, StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                applied.addAll(List.of(text.split("\n", -1)));
            }
        }
    }
}
