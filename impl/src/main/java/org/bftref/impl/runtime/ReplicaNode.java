package org.bftref.impl.runtime;

import java.util.List;

/**
 * One replica slot of a cluster: an honest replica, a faulty one running the honest core with a twist, or a
 * silent one. The cluster starts, stops and inspects them through this.
 *
 * <p>Threads: all methods are called by the thread that owns the cluster; a node's own threads never call them.
 */
interface ReplicaNode {

    int id();

    /** Whether its executions, drops and trace events count (faulty replicas' do not, as in the simulator). */
    boolean honest();

    /** Starts taking messages. */
    void start();

    /**
     * Stops at once, as a crash would: mid-step if need be (the records persisted so far stay, later effects
     * of the step are lost), queued messages and timers are forgotten, and the node is detached from the
     * transport. Returns once its thread has ended.
     */
    void halt();

    /** Whether it was started and not halted. */
    boolean up();

    /** The view it is in and what it executed, as published after its latest step (slightly stale while it runs). */
    long view();

    long lastExecuted();

    /**
     * The operations its service applied, oldest first; null for a node without a service. Only after
     * {@link #halt}, when its thread has ended and its state is no longer changing.
     */
    List<String> history();

    /** Its service's state digest (hex), or null; only after {@link #halt}. */
    String stateDigest();
}
