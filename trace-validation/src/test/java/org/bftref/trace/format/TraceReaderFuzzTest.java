package org.bftref.trace.format;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes at all: the reader returns a trace or throws a {@link TraceFormatException} with a one-line message
 * that names the file. Any other exception (or error) is a bug in the reader.
 *
 * <p>{@code mvn test} runs this in Jazzer's regression mode over the committed inputs under
 * {@code src/test/resources/org/bftref/trace/format/TraceReaderFuzzTestInputs/readsOrRejectsInOneLine/}. To fuzz:
 *
 * <pre>
 *   mvn -q -o install -DskipTests -pl impl,model-checking -am
 *   JAZZER_FUZZ=1 mvn -pl trace-validation test -Dtest=TraceReaderFuzzTest -Djazzer.max_duration=5m
 * </pre>
 *
 * A failing input is written next to the committed ones; commit it once fixed, and it becomes a regression input.
 */
class TraceReaderFuzzTest {

    @FuzzTest
    void readsOrRejectsInOneLine(byte[] input) {
        Trace trace;
        try {
            trace = TraceReader.read("fuzz.ndjson", input);
        } catch (TraceFormatException e) {
            String m = e.getMessage();
            if (m == null || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || !m.startsWith("fuzz.ndjson")) {
                throw new AssertionError("not a one-line message naming the file: " + m, e);
            }
            return;
        }
        if (trace.header() == null || trace.events() == null) {
            throw new AssertionError("a trace without header or events");
        }
        for (TraceLine line : trace.events()) {
            if (line.replica() < 0 || line.replica() >= trace.header().n()
                    || trace.header().faulty().contains(line.replica())) {
                throw new AssertionError("accepted an event of replica " + line.replica());
            }
        }
    }
}
