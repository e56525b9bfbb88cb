package org.bftref.impl.runtime;

import java.io.IOException;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: the cluster closing the trace at the end of a run while a replica thread still writes
 * its last event. The event must be either whole in the file or absent (a half-written last line would make the
 * whole trace unreadable), and the write must not hit the closed stream, which would record an I/O failure and
 * make {@code close} throw for a run that went fine.
 *
 * <p>Result: whole event lines after the header (0 or 1), anything else after the header (must be 0), 1 if
 * close threw (must be 0).
 */
@JCStressTest
@Outcome(id = {"0, 0, 0", "1, 0, 0"}, expect = Expect.ACCEPTABLE, desc = "the event whole or absent, close clean")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a torn last line, or a write after close reported as an I/O failure")
@State
public class TraceWriterCloseTest {

    private final TraceLines.SlowWriter out = new TraceLines.SlowWriter();
    private final TraceWriter writer = new TraceWriter(out);
    private boolean closeFailed;

    public TraceWriterCloseTest() {
        writer.header(TraceLines.CONFIG, java.util.List.of(), 1);
    }

    @Actor
    public void replicaThread() {
        writer.write(TraceLines.PREPARE);
    }

    @Actor
    public void clusterThread() {
        try {
            writer.close();
        } catch (IOException e) {
            closeFailed = true;
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        try {
            writer.close(); // a second close is a no-op; it must not throw either
        } catch (IOException e) {
            closeFailed = true;
        }
        String[] lines = out.text().split("\n", -1);
        int whole = 0;
        int other = lines[0].equals(TraceLines.header()) ? 0 : 1;
        for (int i = 1; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break; // after the last newline
            }
            if (whole == 0 && TraceLines.isLineOf(lines[i], TraceLines.PREPARE)) {
                whole++;
            } else {
                other++;
            }
        }
        r.r1 = whole;
        r.r2 = other;
        r.r3 = closeFailed ? 1 : 0;
    }
}
