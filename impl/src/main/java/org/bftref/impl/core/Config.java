package org.bftref.impl.core;

/**
 * The parameters every replica of one deployment shares.
 *
 * @param n                       replicas, numbered 0 .. n-1
 * @param f                       faults tolerated; PBFT needs n >= 3f + 1 (unsafeAllowed lifts the check,
 *                                for the negative tests only)
 * @param checkpointInterval      a checkpoint every this many sequence numbers (section 4.3)
 * @param watermarkWindow         H - h: how far above the last stable checkpoint sequence numbers may go
 * @param batchSizeMax            at most this many requests in one PRE-PREPARE
 * @param viewChangeTimeoutMillis how long a backup waits for a pending request before suspecting the primary
 */
public record Config(int n, int f, int checkpointInterval, int watermarkWindow, int batchSizeMax,
                     long viewChangeTimeoutMillis, boolean unsafeAllowed) {

    public Config {
        if (n < 1 || f < 0) {
            throw new IllegalArgumentException("need n >= 1 and f >= 0: n=" + n + ", f=" + f);
        }
        if (n < 3 * f + 1 && !unsafeAllowed) {
            throw new IllegalArgumentException("n=" + n + " cannot tolerate f=" + f + ": PBFT needs n >= 3f+1");
        }
        if (checkpointInterval < 1 || watermarkWindow < checkpointInterval || watermarkWindow % checkpointInterval != 0) {
            throw new IllegalArgumentException("need a positive checkpointInterval dividing watermarkWindow: "
                    + checkpointInterval + ", " + watermarkWindow);
        }
        if (batchSizeMax < 1 || viewChangeTimeoutMillis < 1) {
            throw new IllegalArgumentException("batchSizeMax and viewChangeTimeoutMillis must be positive");
        }
    }

    /**
     * The most faults n replicas tolerate, the largest f with n >= 3f + 1 (0 for n < 4): what every command and
     * generator takes for f when none is given, computed here once so they cannot differ.
     */
    public static int faultsTolerated(int n) {
        return Math.max(0, (n - 1) / 3);
    }

    public static Config of(int n, int f) {
        return new Config(n, f, 16, 64, 100, 1_000, false);
    }

    /** n - f: what a replica can wait for; 2f + 1 when n = 3f + 1. */
    public int quorum() {
        return n - f;
    }

    /** PREPAREs needed besides the PRE-PREPARE for a prepared certificate: 2f when n = 3f + 1 (spec: PrepareQuorum). */
    public int prepareQuorum() {
        return quorum() - 1;
    }

    /** f + 1: enough matching replies (or view-change messages) to contain one from an honest replica. */
    public int weakQuorum() {
        return f + 1;
    }

    public int primary(long view) {
        return (int) (view % n);
    }
}
