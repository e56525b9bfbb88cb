package org.bftref.impl.storage;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns off FileStorage's warnings for tests that repair thousands of logs on purpose; they check the
 * {@link RecoveryReport} instead. The logger is held here because java.util.logging keeps loggers weakly.
 */
final class Quiet {

    private static final Logger STORAGE_LOG = Logger.getLogger(FileStorage.class.getName());

    private Quiet() {
    }

    static void storageWarnings() {
        STORAGE_LOG.setLevel(Level.OFF);
    }
}
