package tlc2.overrides;

import org.bftref.trace.tlc.TraceInputOverrides;

/**
 * The class TLC2 2.18 looks up by this exact name to find Java operator overrides (later TLC versions also read
 * a system property; this one does not). It hands TLC the trace reader of spec/pbft/TraceInput.tla, but only in
 * a TLC the validator started (it sets {@value TraceInputOverrides#INPUT_PROPERTY}): everywhere else, model
 * checking included, TLC sees no overrides and TraceInput.tla's own definitions apply.
 */
public final class TLCOverrides implements ITLCOverrides {

    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return System.getProperty(TraceInputOverrides.INPUT_PROPERTY) == null
                ? new Class[0]
                : new Class[] {TraceInputOverrides.class};
    }
}
