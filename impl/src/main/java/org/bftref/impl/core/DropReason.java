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
    DUPLICATE,
    STALE_REQUEST,
    INVALID_CERTIFICATE,
    INVALID_NEW_VIEW,
    UNKNOWN_SENDER
}
