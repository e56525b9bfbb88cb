package org.bftref.impl.sim;

import java.util.List;

import org.bftref.impl.message.Message;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * {@link Strategy#BAD_SIGNATURE}: each message the core sends goes out, by choice, intact (0), with its
 * signature corrupted, re-attributed to another replica while carrying this replica's signature (a foreign
 * signature), or validly signed but with a signature inside it corrupted (a request in a batch, a checkpoint
 * in a proof). Receivers must verify every signature, nested ones included, before the core sees the message.
 */
final class BadSignatureNode extends Deviant {

    BadSignatureNode() {
        super(Strategy.BAD_SIGNATURE);
    }

    @Override
    protected void outBroadcast(Signed<? extends Message> message) {
        env.broadcast(tamper(message));
    }

    @Override
    protected void outSend(Principal to, Signed<? extends Message> message) {
        env.send(to, tamper(message));
    }

    private Signed<? extends Message> tamper(Signed<? extends Message> message) {
        int mode = env.choices().nextInt(4);
        if (mode == 2) {
            List<Integer> others = env.others();
            Signed<? extends Message> foreign = others.isEmpty() ? null
                    : Forge.foreign(message, others.get(env.choices().pick(others.size())));
            if (foreign != null) {
                note("foreign-signer");
                return foreign;
            }
        } else if (mode == 3) {
            Signed<? extends Message> nested = Forge.nestedCorrupted(message, env.signer());
            if (nested != null) {
                note("nested-corrupted");
                return nested;
            }
        } else if (mode == 0) {
            return message;
        }
        note("corrupted");
        return Forge.withCorruptedSignature(message);
    }
}
