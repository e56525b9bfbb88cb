package org.bftref.impl.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bftref.impl.core.Effect;
import org.bftref.impl.core.Input;
import org.bftref.impl.core.Replica;
import org.bftref.impl.core.Storage;
import org.bftref.impl.core.TraceEvent;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;
import org.bftref.impl.sim.LogService;

/**
 * One replica core on its own thread: it takes verified messages and timer expiries from its {@link Mailbox}
 * one at a time, steps the core, and performs the effects. The core is never touched by any other thread.
 *
 * <p>Order of effects within a step: Persist records are appended at once, in order; the step's sends are
 * performed last, after every other effect. Persist before send holds (every record of the step is stored
 * before any of its messages leaves), and so does trace order: a step's trace lines are written before its
 * messages can cause steps elsewhere, so the trace file is in an order consistent with causality.
 *
 * <p>Threads: the replica thread runs the loop and everything in it (core, storage, timers' set and cancel,
 * sends). Verifier threads offer messages and the timer thread offers expiries, both through the mailbox only.
 * The cluster's thread calls {@link #start} and {@link #halt}; it reads {@link #view} and {@link #lastExecuted}
 * (volatile, published after each step) while the replica runs, and the core's service only after the thread has
 * been joined. A halt sets a volatile flag that the loop checks before each effect, so a stop can land between
 * any two effects of a step, as a crash would.
 */
final class ReplicaRunner implements ReplicaNode {

    private final int id;
    private final boolean honest;
    private final Replica core;
    private final LogService service;
    private final Storage storage;
    private final RuntimeContext context;
    private final Mailbox<Object> mailbox;
    private final Timers timers;
    private final Thread thread;
    private final ByzantineStrategy strategy;
    private Transport.Link link;
    private Equivocator equivocator;

    private volatile boolean halted;
    private volatile boolean started;
    private volatile long view;
    private volatile long lastExecuted;

    /**
     * @param core     a fresh or recovered core over {@code service}, and only ever stepped by this runner
     * @param strategy null for an honest replica; CRASH runs honestly (the cluster halts it); EQUIVOCATE lies
     */
    ReplicaRunner(int id, Replica core, LogService service, Storage storage, RuntimeContext context,
                  int mailboxCapacity, ByzantineStrategy strategy) {
        if (strategy == ByzantineStrategy.SILENT) {
            throw new IllegalArgumentException("a silent replica has no core to run: use SilentReplica");
        }
        this.id = id;
        this.core = Objects.requireNonNull(core, "core");
        this.service = Objects.requireNonNull(service, "service");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.context = Objects.requireNonNull(context, "context");
        this.strategy = strategy;
        this.honest = strategy == null;
        this.mailbox = new Mailbox<>(mailboxCapacity);
        // An expiry goes through the mailbox like a message, so the core takes it on this replica's thread.
        this.timers = new Timers(context.scheduler(), mailbox::offerControl);
        this.thread = new RuntimeThreads("replica-" + id).newThread(this::loop);
        this.view = core.view();
        this.lastExecuted = core.lastExecuted();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean honest() {
        return honest;
    }

    @Override
    public void start() {
        Transport.Inbound inbound = context.verifiers().inbound(Principal.replica(id), verified -> {
            if (!mailbox.offer(verified)) {
                drop(Metrics.MAILBOX_FULL);
            }
        }, this::drop);
        link = context.transport().attach(Principal.replica(id), inbound);
        if (strategy == ByzantineStrategy.EQUIVOCATE) {
            equivocator = new Equivocator(id, context.config(), context.keys().signer(Principal.replica(id)), link);
        }
        started = true;
        thread.start();
    }

    @Override
    public void halt() {
        halted = true;
        if (link != null) {
            link.close();
        }
        timers.stop();
        mailbox.close(); // wakes the loop, which sees the mailbox closed and ends
        if (started) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new IllegalStateException("replica " + id + "'s thread did not stop within 10 s");
            }
        }
        if (storage instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                context.metrics().error(e);
            }
        }
    }

    @Override
    public boolean up() {
        return started && !halted && thread.isAlive(); // a core that threw has ended its thread
    }

    @Override
    public long view() {
        return view;
    }

    @Override
    public long lastExecuted() {
        return lastExecuted;
    }

    @Override
    public List<String> history() {
        requireEnded();
        return service.applied();
    }

    @Override
    public String stateDigest() {
        requireEnded();
        return service.stateDigest().hex();
    }

    private void requireEnded() {
        if (thread.isAlive() || (started && !halted)) {
            throw new IllegalStateException("replica " + id + " is still running");
        }
    }

    private void loop() {
        try {
            perform(core.start());
            publish();
            while (!halted) {
                Object item = mailbox.take();
                if (item == null) {
                    return; // closed: halted
                }
                if (item instanceof VerifierPool.Verified v) {
                    if (context.delivered() != null) {
                        context.delivered().accept(id, v.message());
                    }
                    context.metrics().count(Metrics.DELIVERED);
                    perform(core.step(new Input.Deliver(v.message())));
                } else if (item instanceof Timers.Expiry e) {
                    if (!timers.isCurrent(e)) {
                        context.metrics().count(Metrics.TIMERS_STALE); // cancelled or re-armed since it was set
                        continue;
                    }
                    context.metrics().count(Metrics.TIMERS_FIRED);
                    perform(core.step(new Input.TimerExpired(e.timer())));
                } else {
                    throw new AssertionError("a mailbox item the replica does not know: " + item);
                }
                publish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts replica threads; end quietly if someone does
        } catch (RuntimeException | AssertionError e) {
            context.metrics().error(new IllegalStateException("replica " + id + " failed", e));
        }
    }

    private void publish() {
        view = core.view();
        lastExecuted = core.lastExecuted();
    }

    /** The step's effects: see the class comment for the order. */
    private void perform(List<Effect> effects) {
        List<Effect> sends = new ArrayList<>();
        for (Effect e : effects) {
            if (halted) {
                return;
            }
            if (e instanceof Effect.Persist p) {
                storage.append(p.record());
                context.metrics().count(Metrics.PERSISTED);
            } else if (e instanceof Effect.Send || e instanceof Effect.Broadcast) {
                sends.add(e);
            } else if (e instanceof Effect.SetTimer t) {
                timers.set(t.timer(), t.delayMillis());
            } else if (e instanceof Effect.CancelTimer c) {
                timers.cancel(c.timer());
            } else if (e instanceof Effect.Executed) {
                if (honest) {
                    context.metrics().count(Metrics.EXECUTED);
                }
            } else if (e instanceof Effect.Dropped d) {
                drop(d.reason().name());
            } else if (e instanceof Effect.Traced t) {
                traced(t.event());
            } else {
                throw new IllegalStateException("an effect a replica should not produce: " + e);
            }
        }
        for (Effect e : sends) {
            if (halted) {
                return;
            }
            if (e instanceof Effect.Send s) {
                send(s.to(), s.message());
            } else {
                broadcast(((Effect.Broadcast) e).message());
            }
        }
    }

    private void send(Principal to, Signed<? extends Message> message) {
        if (equivocator != null) {
            equivocator.send(to, message);
        } else {
            link.send(to, message);
        }
    }

    private void broadcast(Signed<? extends Message> message) {
        if (equivocator != null) {
            equivocator.broadcast(message);
        } else {
            link.broadcast(message);
        }
    }

    private void traced(TraceEvent event) {
        if (!honest) {
            return; // only honest replicas log (design.md, Traces)
        }
        if (event.action().equals("StateTransfer")) {
            context.metrics().count(Metrics.STATE_TRANSFERS);
        }
        if (event.action().equals("SendNewView") || event.action().equals("AcceptNewView")) {
            if (event.params().get("v") instanceof Number v) {
                context.metrics().viewEntered(v.longValue());
            }
        }
        if (context.trace() != null) {
            context.trace().write(event);
        }
    }

    private void drop(String reason) {
        if (honest) {
            context.metrics().drop(reason);
        }
    }
}
