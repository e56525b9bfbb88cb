package org.bftref.impl.runtime;

import java.util.List;

import org.bftref.impl.core.Config;
import org.bftref.impl.crypto.Codec;
import org.bftref.impl.crypto.Signer;
import org.bftref.impl.message.Message;
import org.bftref.impl.message.Message.PrePrepare;
import org.bftref.impl.message.Principal;
import org.bftref.impl.message.Signed;

/**
 * {@link ByzantineStrategy#EQUIVOCATE}'s sending side: the replica runs the honest core, but each PRE-PREPARE it
 * multicasts as primary goes as is to the first backup only, and the other backups get a PRE-PREPARE for the same
 * (v, n) carrying the null request, well formed and signed with the replica's own key (all a faulty replica can
 * do). With n = 4, neither digest can gather a commit quorum: the original has one PREPARE, the null request
 * gets no COMMIT from the primary. So the backups' request timers expire and a view change replaces the primary,
 * whose NEW-VIEW keeps whatever was prepared. Everything else it sends honestly.
 *
 * <p>A simpler cousin of the simulator's EquivocateNode, whose choices and event loop are package-private there.
 *
 * <p>Threads: used by its replica's thread only.
 */
final class Equivocator {

    private final int id;
    private final Config config;
    private final Signer signer;
    private final Transport.Link link;

    Equivocator(int id, Config config, Signer signer, Transport.Link link) {
        this.id = id;
        this.config = config;
        this.signer = signer;
        this.link = link;
    }

    void broadcast(Signed<? extends Message> message) {
        if (message.message() instanceof PrePrepare pp && pp.primary() == id && !pp.batch().isEmpty()) {
            Signed<PrePrepare> other = signer.sign(
                    new PrePrepare(pp.v(), pp.n(), Codec.batchDigest(List.of()), List.of(), id));
            boolean first = true;
            for (int r = 0; r < config.n(); r++) {
                if (r != id) {
                    link.send(Principal.replica(r), first ? message : other);
                    first = false;
                }
            }
        } else {
            link.broadcast(message);
        }
    }

    void send(Principal to, Signed<? extends Message> message) {
        link.send(to, message);
    }
}
