package org.bftref.impl.core;

/** Why the core ignored an input. Each is counted; none is an error of the replica. */
public enum DropReason {
    WRONG_VIEW,
    NOT_NORMAL,
    OUTSIDE_WATERMARKS,
    NOT_FROM_PRIMARY,
    CONFLICTING_PRE_PREPARE,
    DIGEST_MISMATCH,
    BATCH_TOO_LARGE,
    /** A PRE-PREPARE with no requests: only a NEW-VIEW may propose the null request. */
    EMPTY_BATCH,
    DUPLICATE,
    STALE_REQUEST,
    INVALID_CERTIFICATE,
    INVALID_NEW_VIEW,
    UNKNOWN_SENDER,
    /** A state transfer for a point this replica has already executed, or that no f+1 replicas agree on yet. */
    STALE_STATE
}
