package org.bftref.mc.tlc;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param rawOutput TLC's output as it printed it (target/tlc/&lt;model&gt;/tlc.out); null if TLC never started
 */
public record TlcResult(Outcome outcome, TlcStats stats, Duration wallTime, Path rawOutput) {
}
