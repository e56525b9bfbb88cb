package org.bftref.properties;

/** A property that a run broke, and a one-line account of how. */
public record Violation(String property, String detail) {
    @Override
    public String toString() {
        return property + ": " + detail;
    }
}
