package org.bftref.impl.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Race guarded against: two replica threads writing trace events at once. Without one lock around formatting
 * and writing a whole line, their characters interleave (torn lines the validator rejects as bad JSON), a line
 * is lost, or the later-written line carries the earlier timestamp (times going backwards down the file, which
 * the format forbids).
 *
 * <p>The header is written before the actors start; replica 1's and replica 2's threads each write one event
 * through a writer that hands over one character at a time. After closing, the file must be the header and the
 * two event lines, each whole and once, in either order, with non-decreasing times.
 *
 * <p>Result: whole event lines (must be 2), lines that are anything else (must be 0), 1 if the header is first
 * and times do not decrease.
 */
@JCStressTest
@Outcome(id = "2, 0, 1", expect = Expect.ACCEPTABLE, desc = "two whole lines after the header, times in order")
@Outcome(expect = Expect.FORBIDDEN, desc = "FORBIDDEN: a torn, interleaved, lost or duplicated line, or time going backwards")
@State
public class TraceWriterLinesTest {

    private final TraceLines.SlowWriter out = new TraceLines.SlowWriter();
    private final TraceWriter writer = new TraceWriter(out);

    public TraceWriterLinesTest() {
        writer.header(TraceLines.CONFIG, java.util.List.of(), 1);
    }

    @Actor
    public void replica1() {
        writer.write(TraceLines.PREPARE);
    }

    @Actor
    public void replica2() {
        writer.write(TraceLines.COMMIT);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.text();
        String[] lines = text.split("\n", -1); // the text ends with a newline: the last piece must be empty
        int whole = 0;
        int other = lines[lines.length - 1].isEmpty() ? 0 : 1;
        boolean prepare = false;
        boolean commit = false;
        boolean ordered = lines.length > 0 && lines[0].equals(TraceLines.header());
        long lastTime = -1;
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            if (!prepare && TraceLines.isLineOf(line, TraceLines.PREPARE)) {
                prepare = true;
                whole++;
            } else if (!commit && TraceLines.isLineOf(line, TraceLines.COMMIT)) {
                commit = true;
                whole++;
            } else {
                other++;
                continue;
            }
            long t = TraceLines.time(line);
            ordered &= t >= lastTime;
            lastTime = t;
        }
        r.r1 = whole;
        r.r2 = other;
        r.r3 = ordered ? 1 : 0;
    }
}
