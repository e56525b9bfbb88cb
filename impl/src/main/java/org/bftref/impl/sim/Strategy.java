package org.bftref.impl.sim;

/**
 * How a Byzantine replica misbehaves in a simulation. Each takes the place of the honest replica in the event
 * loop; most run the honest core with the faulty replica's own key and transform what it sends, because a
 * faulty replica that also follows the protocol where it does not deviate keeps runs interesting (it votes,
 * it joins view changes) and finds more than one that only makes noise. A faulty replica signs only with its
 * own key; BAD_SIGNATURE is the strategy whose point is to send what it cannot sign.
 *
 * <p>Each deviation is a choice ({@link Choices}); choosing 0 everywhere makes the strategy behave as honestly
 * as it can (SILENT stays silent, CRASH crashes at once: they have no honest option).
 */
public enum Strategy {
    SILENT("receives everything and sends nothing"),
    CRASH("honest until a chosen moment, then silent for good"),
    EQUIVOCATE("as primary, sends conflicting PRE-PREPAREs for one (v, n) to different backups, and COMMITs "
            + "supporting each side"),
    DOUBLE_VOTE("sends PREPAREs and COMMITs for two different digests at one (v, n) to different replicas"),
    REPLAY("re-sends, verbatim and later, messages it sent or received earlier, preferring older views"),
    BAD_SIGNATURE("sends messages with corrupted signatures, corrupted nested signatures, or claiming "
            + "another replica as signer"),
    FALSE_CERTIFICATE("sends VIEW-CHANGEs with prepared certificates or checkpoint proofs it cannot prove, "
            + "also unprompted"),
    NV_OMIT("as primary, stops ordering after a chosen number of batches, and as new primary sends a NEW-VIEW "
            + "whose O replaces prepared requests by null requests"),
    FLOOD("sends bursts of junk: far-future views, sequence numbers outside the watermarks, duplicates, "
            + "requests with forged client signatures, stale checkpoints"),
    TWINS("two copies running honest code with the same key, each connected to a different subset of the "
            + "other replicas (Bano et al., Twins: BFT Systems Made Robust)"),
    BAD_AUTHENTICATOR("as primary, sends some backups PRE-PREPAREs whose client authenticator entries for them are "
            + "broken (what a faulty client's partial authenticator looks like), sometimes then falls silent");

    private final String description;

    Strategy(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
