package org.bftref.mc.tlc;

/**
 * State counts as TLC last reported them (code 2199, or 2200 while running; depth from 2194). Null where TLC
 * did not report a number (it prints no depth after a liveness violation, and nothing after a parse error).
 */
public record TlcStats(Long generated, Long distinct, Long queue, Integer depth) {

    public static final TlcStats NONE = new TlcStats(null, null, null, null);

    public TlcStats withDepth(int depth) {
        return new TlcStats(generated, distinct, queue, depth);
    }
}
