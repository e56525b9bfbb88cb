package org.bftref.impl.core;

/** The timers a replica sets; at most one of each kind runs at a time. */
public enum Timer {
    /** A backup waits this long for a request it knows of to execute before it suspects the primary. */
    REQUEST,
    /** A replica that sent VIEW-CHANGE waits this long for the NEW-VIEW before moving one view further. */
    NEW_VIEW,
    /** A client waits this long for f+1 matching replies before it multicasts its request to all replicas. */
    CLIENT_RETRY,
    /** Every replica multicasts a STATUS this often, so that peers that fell behind learn it and catch up. */
    STATUS
}
