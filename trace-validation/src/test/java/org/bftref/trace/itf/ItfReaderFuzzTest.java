package org.bftref.trace.itf;

import java.nio.file.Path;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.bftref.trace.tlc.ItfTlcValues;

/**
 * Any bytes at all: the ITF reader returns a trace or throws an {@link ItfFormatException} with a one-line message
 * naming the file; every value of a trace it returns is written back as the same value, and either becomes a TLC
 * value or is refused with such a message (what the validator does before TLC starts). Anything else, an
 * exception or a changed value, is a bug.
 *
 * <p>{@code mvn test} runs this in Jazzer's regression mode over the committed inputs under
 * {@code src/test/resources/org/bftref/trace/itf/ItfReaderFuzzTestInputs/readsOrRejectsInOneLine/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl trace-validation test -Dtest=ItfReaderFuzzTest -Djazzer.max_duration=5m}.
 */
class ItfReaderFuzzTest {

    private static final Path FILE = Path.of("fuzz.itf.json");

    @FuzzTest
    void readsOrRejectsInOneLine(byte[] input) {
        ItfTrace trace;
        try {
            trace = ItfReader.read(FILE, input);
        } catch (ItfFormatException e) {
            oneLine(e);
            return;
        }
        java.util.Set<String> names = new java.util.HashSet<>(trace.vars());
        names.addAll(trace.params());
        if (trace.states().isEmpty() || !trace.states().stream().allMatch(s -> s.keySet().equals(names))) {
            throw new AssertionError("a trace without states, or a state without exactly the variables and parameters");
        }
        for (int k = 0; k < trace.states().size(); k++) {
            for (Map.Entry<String, ItfValue> var : trace.states().get(k).entrySet()) {
                ItfValue value = var.getValue();
                try {
                    ItfValue back = ItfReader.value(FILE, ItfText.json(value), "");
                    if (!back.equals(value)) {
                        throw new AssertionError("written back as " + ItfText.json(back) + ", read as " + value);
                    }
                    ItfTlcValues.toTlc(value, FILE, k, "/states/" + k + "/" + var.getKey());
                } catch (ItfFormatException e) {
                    oneLine(e);
                }
            }
        }
    }

    private static void oneLine(ItfFormatException e) {
        String m = e.getMessage();
        if (m == null || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || !m.startsWith("fuzz.itf.json")) {
            throw new AssertionError("not a one-line message naming the file: " + m, e);
        }
    }
}
