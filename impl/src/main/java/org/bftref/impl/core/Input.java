package org.bftref.impl.core;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Signed;

/** One thing that happens to a replica. The core takes them one at a time. */
public sealed interface Input permits Input.Deliver, Input.TimerExpired {

    /** A message arrived whose signatures (its own and every nested one) the runtime has already verified. */
    record Deliver(Signed<? extends Message> message) implements Input {
    }

    /** A timer the core set earlier has expired (and was not cancelled since). */
    record TimerExpired(Timer timer) implements Input {
    }
}
