package org.bftref.impl.runtime;

import java.util.List;

import org.bftref.impl.message.Principal;

/**
 * {@link ByzantineStrategy#SILENT}: attached to the transport so that messages for it are taken (and thrown
 * away unverified: there is nothing to protect), and sends nothing. It has no thread.
 */
final class SilentReplica implements ReplicaNode {

    private final int id;
    private final RuntimeContext context;
    private Transport.Link link;

    SilentReplica(int id, RuntimeContext context) {
        this.id = id;
        this.context = context;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean honest() {
        return false;
    }

    @Override
    public void start() {
        link = context.transport().attach(Principal.replica(id), wire -> context.metrics().count("byzantine.ignored"));
    }

    @Override
    public void halt() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    @Override
    public boolean up() {
        return link != null;
    }

    @Override
    public long view() {
        return 0;
    }

    @Override
    public long lastExecuted() {
        return 0;
    }

    @Override
    public List<String> history() {
        return null;
    }

    @Override
    public String stateDigest() {
        return null;
    }
}
