package org.bftref.impl.sim;

/**
 * One copy of a {@link Strategy#TWINS} replica: the honest core with the replica's key. The deviation is in the
 * network: two copies with one identity, each connected to a different subset of the other replicas (the
 * simulator decides who hears which copy), so that the replica can say different things to different peers
 * with valid signatures while each copy follows the protocol.
 */
final class TwinNode extends Deviant {

    TwinNode() {
        super(Strategy.TWINS);
    }
}
