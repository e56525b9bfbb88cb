package org.bftref.impl.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import org.bftref.impl.message.Principal;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Race guarded against: a sender's thread delivering to a replica while the cluster stops it (its link closes,
 * removing it from the transport's map). The message is either received (it got there first) or counted as
 * REPLICA_DOWN: never both, never neither, since the run report counts every message that did not arrive.
 *
 * <p>Result: times received, REPLICA_DOWN drops.
 */
@JCStressTest
@Outcome(id = {"1, 0", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "received, or counted as lost")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: received and counted lost, or neither")
@State
public class TransportDetachTest {

    private static final Principal REPLICA = Principal.replica(2);
    private static final byte[] WIRE = {1, 2, 3};

    private final Metrics metrics = new Metrics();
    private final InMemoryTransport transport = new InMemoryTransport(4, metrics);
    private final AtomicInteger received = new AtomicInteger();
    private final Transport.Link link;

    public TransportDetachTest() {
        link = transport.attach(REPLICA, wire -> received.incrementAndGet());
    }

    @Actor
    public void senderThread() {
        transport.deliver(REPLICA, WIRE);
    }

    @Actor
    public void clusterThread() {
        link.close();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = received.get();
        r.r2 = (int) metrics.dropped(Metrics.REPLICA_DOWN);
    }
}
