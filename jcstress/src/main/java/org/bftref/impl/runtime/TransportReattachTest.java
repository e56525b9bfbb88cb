package org.bftref.impl.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import org.bftref.impl.message.Principal;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: a sender's thread delivering to a replica at the moment the cluster restarts it (the
 * restarted replica attaches again, replacing its old attachment in the transport's map). The message must reach
 * exactly one incarnation, the old or the new, or be counted as lost (REPLICA_DOWN): never both (a duplicate the
 * new incarnation cannot tell from a retransmission is harmless, but two inbounds for one principal would be a
 * map that briefly holds two), and never vanish uncounted (the run report's drop counts would lie).
 *
 * <p>Result: times the old incarnation received it, times the new one did, REPLICA_DOWN drops.
 */
@JCStressTest
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = Expect.ACCEPTABLE, desc = "exactly one incarnation received it")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: both received it, or it vanished")
@State
public class TransportReattachTest {

    private static final Principal REPLICA = Principal.replica(1);
    private static final byte[] WIRE = {1, 2, 3};

    private final Metrics metrics = new Metrics();
    private final InMemoryTransport transport = new InMemoryTransport(4, metrics);
    private final AtomicInteger oldReceived = new AtomicInteger();
    private final AtomicInteger newReceived = new AtomicInteger();

    public TransportReattachTest() {
        transport.attach(REPLICA, wire -> oldReceived.incrementAndGet());
    }

    @Actor
    public void senderThread() {
        transport.deliver(REPLICA, WIRE);
    }

    @Actor
    public void clusterThread() {
        transport.attach(REPLICA, wire -> newReceived.incrementAndGet());
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = oldReceived.get();
        r.r2 = newReceived.get();
        r.r3 = (int) metrics.dropped(Metrics.REPLICA_DOWN);
    }
}
