package org.bftref.mc.suite;

import java.time.Duration;

/**
 * Settings for every model of a run, from the command line.
 *
 * @param defaultWorkers TLC workers for models whose manifest entry does not fix them (a negative model fixes
 *                       them so that its counterexample is always the same one)
 * @param heap           if set, -Xmx for every model, overriding the manifest: the way out of an out-of-memory
 * @param distWorkers    0 to run TLC on this machine only; otherwise the number of local TLCWorker JVMs
 */
public record SuiteOptions(int defaultWorkers, String heap, int distWorkers) {

    public static final String DEFAULT_HEAP = "4g";
    public static final int DEFAULT_WORKERS = 2;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1800);

    public static SuiteOptions defaults() {
        return new SuiteOptions(DEFAULT_WORKERS, null, 0);
    }
}
