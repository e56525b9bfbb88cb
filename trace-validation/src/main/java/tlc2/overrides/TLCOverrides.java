package tlc2.overrides;

import java.util.ArrayList;
import java.util.List;

import org.bftref.trace.tlc.ItfInputOverrides;
import org.bftref.trace.tlc.TraceInputOverrides;

/**
 * The class TLC2 2.18 looks up by this exact name to find Java operator overrides (later TLC versions also read
 * a system property; this one does not). It hands TLC the trace reader of spec/pbft/TraceInput.tla, but only in
 * a TLC the validator started (it sets {@value TraceInputOverrides#INPUT_PROPERTY}): everywhere else, model
 * checking included, TLC sees no overrides and TraceInput.tla's own definitions apply. Likewise the ITF reader
 * of spec/pbft/ITFInput.tla ({@value ItfInputOverrides#INPUT_PROPERTY}).
 */
public final class TLCOverrides implements ITLCOverrides {

    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        List<Class<?>> classes = new ArrayList<>();
        if (System.getProperty(TraceInputOverrides.INPUT_PROPERTY) != null) {
            classes.add(TraceInputOverrides.class);
        }
        if (System.getProperty(ItfInputOverrides.INPUT_PROPERTY) != null) {
            classes.add(ItfInputOverrides.class);
        }
        return classes.toArray(new Class[0]);
    }
}
