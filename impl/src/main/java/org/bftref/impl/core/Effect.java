package org.bftref.impl.core;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/** What a step asks the world to do. The core never does any of it itself. */
public sealed interface Effect permits Effect.Broadcast, Effect.Send, Effect.SetTimer, Effect.CancelTimer,
        Effect.Executed, Effect.Completed, Effect.Dropped, Effect.Traced, Effect.Persist {

    /** Send to every other replica. */
    record Broadcast(Signed<? extends Message> message) implements Effect {
    }

    /** Send to one principal (a reply to a client, or a message to one replica). */
    record Send(Principal to, Signed<? extends Message> message) implements Effect {
    }

    record SetTimer(Timer timer, long delayMillis) implements Effect {
    }

    record CancelTimer(Timer timer) implements Effect {
    }

    /** The request at sequence number n was executed with this result (a no-op for the null request). */
    record Executed(long n, Message.Request request, String result) implements Effect {
    }

    /** A client accepted the result of its request: f+1 replicas replied the same (section 4.1). */
    record Completed(int client, long timestamp, String result) implements Effect {
    }

    /** An input the core refused, with the reason; counted in metrics, never thrown. */
    record Dropped(DropReason reason, Input input) implements Effect {
    }

    /** A protocol step, named as the spec action it implements, for the tracer. */
    record Traced(TraceEvent event) implements Effect {
    }

    /**
     * Write this record to the replica's {@link Storage} before performing any later effect of the same step:
     * the sends after it are what it protects.
     */
    record Persist(Durable record) implements Effect {
    }
}
