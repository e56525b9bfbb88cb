package org.bftref.impl.core;

import java.util.List;

/**
 * Where a replica's {@link Durable} records go. The runtime (or simulator) appends every {@link Effect.Persist}
 * in effect order, and must finish the append before it performs any later effect of the same step: that is
 * what "persist before send" means. An implementation may forget records made obsolete by a later
 * {@link Durable.StableState} (see {@link InMemoryStorage}); a file-backed one comes with the runtime.
 */
public interface Storage {

    void append(Durable record);

    /** Everything needed to recover, in append order. */
    List<Durable> records();
}
