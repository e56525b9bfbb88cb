package org.bftref.impl.core;

/**
 * One protocol rule deliberately broken, for tests only: the property tests must catch each of these within a
 * bounded number of scenarios, which shows that the tests can see the rule's absence. Nothing outside the test
 * suites and the simulator sets them; a deployment never does.
 */
public enum Mutant {
    /** A prepared certificate of 2f messages (the pre-prepare and 2f-1 PREPAREs) instead of 2f+1. */
    PREPARE_QUORUM_2F,
    /** A backup accepts a PRE-PREPARE whose digest does not match its batch. */
    ACCEPT_DIGEST_MISMATCH,
    /** The new primary computes O without looking at the prepared certificates in V (and backups agree). */
    NEW_VIEW_WITHOUT_CERTIFICATES,
    /** A restarted replica comes back empty: it forgot what it signed before the crash. */
    NO_PERSISTENCE,
    /** The runtime hands messages to the core without checking their signatures (the simulator honours it). */
    SKIP_SIGNATURE_CHECKS
}
