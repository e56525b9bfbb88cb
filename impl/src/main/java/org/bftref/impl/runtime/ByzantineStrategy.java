package org.bftref.impl.runtime;

/**
 * How a faulty replica of a runtime cluster misbehaves. A subset of the simulator's strategies
 * ({@code org.bftref.impl.sim.Strategy}): those are written against the simulator's package-private event loop
 * and seeded choices, so the runtime has its own small versions of the ones that make sense with real threads.
 */
public enum ByzantineStrategy {
    SILENT("receives everything and sends nothing"),
    CRASH("honest until a chosen point of the run (a share of the requests completed), then stops for good"),
    EQUIVOCATE("as primary, sends each PRE-PREPARE to one backup and a conflicting one (the null request for the "
            + "same sequence number) to the others; otherwise honest");

    private final String description;

    ByzantineStrategy(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
