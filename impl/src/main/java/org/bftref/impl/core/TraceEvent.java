package org.bftref.impl.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One protocol step of one replica: the spec action's name and its parameters (spec/pbft/TracePBFT.tla names),
 * e.g. replica 2's {@code SendPrepare {v=0, n=1, d=ab12...}}. The format is trace-validation/FORMAT.md.
 */
public record TraceEvent(String action, int replica, Map<String, Object> params) {

    public TraceEvent {
        // In the order given: the same step must give the same trace line, byte for byte.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
