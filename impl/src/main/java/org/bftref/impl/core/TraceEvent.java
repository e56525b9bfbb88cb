package org.bftref.impl.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One protocol step of one replica: the spec action's name and its parameters (spec/pbft/PBFT.tla names),
 * e.g. {@code SendPrepare {r=2, v=0, n=1, d=ab12...}}. The trace format itself belongs to trace-validation.
 */
public record TraceEvent(String action, int replica, Map<String, Object> params) {

    public TraceEvent {
        // In the order given: the same step must give the same trace line, byte for byte.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
