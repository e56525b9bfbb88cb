package org.bftref.impl.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

import org.bftref.impl.core.Config;
import org.bftref.impl.crypto.KeyRing;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/**
 * What every replica and client of one cluster shares. Each part is thread-safe on its own (see its class);
 * the record only saves passing seven arguments around.
 *
 * @param trace     null when tracing is off
 * @param delivered test hook, called on a replica's thread with each message just before its core takes it;
 *                  null in real runs
 */
record RuntimeContext(Config config, KeyRing keys, Transport transport, VerifierPool verifiers,
                      ScheduledExecutorService scheduler, Metrics metrics, TraceWriter trace,
                      BiConsumer<Integer, Signed<? extends Message>> delivered) {
}
