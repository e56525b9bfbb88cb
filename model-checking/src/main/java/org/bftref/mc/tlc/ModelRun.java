package org.bftref.mc.tlc;

import java.time.Duration;
import java.util.List;

/**
 * One TLC run, fully specified.
 *
 * @param name        the model's name; its output goes to target/tlc/&lt;name&gt;/
 * @param module      the MC module, in the models directory
 * @param config      the config file name, in the models directory
 * @param workers     TLC worker threads (per worker JVM, in distributed mode)
 * @param heap        -Xmx of each JVM, e.g. "4g"
 * @param tlcArgs     extra TLC flags, e.g. -deadlock
 * @param distWorkers 0 for an ordinary run; otherwise the number of local TLCWorker JVMs
 */
public record ModelRun(String name, String module, String config, int workers, String heap, List<String> tlcArgs,
                       Duration timeout, int distWorkers) {

    public ModelRun {
        tlcArgs = List.copyOf(tlcArgs);
    }

    public boolean distributed() {
        return distWorkers > 0;
    }
}
