package org.bftref.trace.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The command line both validators fork TLC with. The two used to build their own, and the ITF one had fallen
 * behind (no off-heap fingerprint set, one worker whatever the options said, no heap measurement).
 */
class TlcForkTest {

    private static final Path WORK = Path.of("target", "tlc-fork-test");

    private static List<String> command(String module, TraceValidator.Options options) {
        return TlcFork.command(WORK, module, options, List.of("-Dbftref.example=1"), true);
    }

    @Test
    void bothSpecsGetTheSameJvmAndTlcOptions() {
        TraceValidator.Options options = TraceValidator.Options.defaults().withWorkers(2);
        List<String> trace = command("TracePBFT", options);
        List<String> itf = command("ITFPBFT", options);
        // Everything but the spec's two file names is the same.
        assertEquals(trace.subList(0, trace.size() - 2), itf.subList(0, itf.size() - 2));
        assertEquals(List.of("TracePBFT.cfg", "TracePBFT.tla"), trace.subList(trace.size() - 2, trace.size()));
        assertEquals(List.of("ITFPBFT.cfg", "ITFPBFT.tla"), itf.subList(itf.size() - 2, itf.size()));
        assertTrue(itf.contains("-Dtlc2.tool.fp.FPSet.impl=tlc2.tool.fp.OffHeapDiskFPSet"), itf.toString());
        assertTrue(itf.contains("-Dbftref.example=1"), itf.toString());
        assertEquals("2", itf.get(itf.indexOf("-workers") + 1));
        assertTrue(itf.contains("-Xmx2g") && itf.contains("-tool") && itf.contains("-deadlock"), itf.toString());
    }

    @Test
    void heapMeasurementIsAskedForOnlyWhenTheOptionsSaySo() {
        String measure = "-Dbftref.trace.measureHeap=true";
        assertTrue(!command("ITFPBFT", TraceValidator.Options.defaults()).contains(measure));
        assertTrue(command("ITFPBFT", TraceValidator.Options.defaults().withHeapMeasured()).contains(measure));
    }

    /** {@code java -jar cli/target/bftref.jar} gives a relative classpath, which names nothing in TLC's work directory. */
    @Test
    void relativeClasspathEntriesAreMadeAbsolute() {
        String saved = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", "cli/target/bftref.jar" + File.pathSeparator + File.pathSeparator
                    + "/opt/x.jar");
            assertEquals(Path.of("cli/target/bftref.jar").toAbsolutePath() + File.pathSeparator
                    + Path.of("/opt/x.jar").toAbsolutePath(), TlcFork.absoluteClasspath());
        } finally {
            System.setProperty("java.class.path", saved);
        }
        List<String> command = command("TracePBFT", TraceValidator.Options.defaults());
        assertEquals(TlcFork.absoluteClasspath(), command.get(command.indexOf("-cp") + 1));
        assertTrue(command.contains("-Djava.io.tmpdir=" + WORK.toAbsolutePath()), command.toString());
    }
}
