package org.bftref.mc.tlc;

import java.util.Arrays;
import java.util.Optional;

public enum ViolationKind {
    INVARIANT("invariant"),
    /** A temporal property, or the initial-state part of one. */
    PROPERTY("property"),
    /** The [][A]_v part of a property, checked on every step. */
    ACTION_PROPERTY("action-property"),
    DEADLOCK("deadlock"),
    /** Distributed TLC 2.18 prints the trace but not what it violates. */
    UNKNOWN("unknown");

    private final String id;

    ViolationKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ViolationKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id) && k != UNKNOWN).findFirst();
    }
}
