/**
 * The concurrent runtime around the pure replica core: n replicas in one process, for real threads and real
 * timing ({@code bftref run}), where the simulator ({@code org.bftref.impl.sim}) gives virtual time and seeds.
 *
 * <p>The path of a message: a core's Send or Broadcast effect is encoded to wire bytes and handed by the
 * {@link org.bftref.impl.runtime.Transport} ({@link org.bftref.impl.runtime.InMemoryTransport} here, a TCP one
 * later, with nothing else changed) to the receiver's inbound side, where a worker of the
 * {@link org.bftref.impl.runtime.VerifierPool} decodes it and checks every signature in it; only then does it enter
 * the receiving replica's bounded {@link org.bftref.impl.runtime.Mailbox}, which its
 * {@link org.bftref.impl.runtime.ReplicaRunner} thread drains, one step of the core at a time. Timer expiries come
 * from one scheduler thread through the same mailbox ({@link org.bftref.impl.runtime.Timers}). Clients
 * ({@link org.bftref.impl.runtime.RuntimeClient}) have no thread: they step under their own lock on the threads
 * that bring them replies.
 *
 * <p>Threads, and what they share (each shared class says the same in its comment): replica threads (one per
 * replica: its core, storage and timers), verifier threads (the pool: decode, verify, hand off), one timer
 * thread, and the thread that owns the {@link org.bftref.impl.runtime.Cluster}. They meet only in the mailbox,
 * the verifier pool's queue, the timers' generation counters, the transport's attachment map, the
 * {@link org.bftref.impl.runtime.Metrics} counters, the {@link org.bftref.impl.runtime.TraceWriter}, and each
 * client's lock. Every runtime thread is named {@code bftref-runtime-*} and ends when the cluster stops.
 *
 * <p>Queues drop when full (counted by reason) instead of blocking: see {@link org.bftref.impl.runtime.Mailbox}.
 */
package org.bftref.impl.runtime;
