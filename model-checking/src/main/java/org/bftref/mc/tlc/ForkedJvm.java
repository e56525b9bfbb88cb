package org.bftref.mc.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A child JVM (TLC, a TLC server or worker, the model inspector) whose stdout and stderr, merged so the log
 * keeps their order, are copied to a log file and handed on line by line.
 *
 * <p>Every child is killed, with its own children, when this JVM exits (Ctrl-C included): a TLC left
 * running would hold gigabytes of heap and both cores for hours.
 */
public final class ForkedJvm implements AutoCloseable {

    private static final Set<ForkedJvm> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ForkedJvm::kill), "bftref-kill-children"));
    }

    private final Process process;
    private final Path log;
    private volatile boolean killed;

    private ForkedJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ForkedJvm start(List<String> command, Path workingDirectory, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close(); // TLC reads nothing; a closed stdin makes that explicit
            ForkedJvm jvm = new ForkedJvm(process, log);
            LIVE.add(jvm);
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The path of the {@code java} launcher of the running JVM, so children run the same Java. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Copies the output to the log and to {@code lines} until the process closes it. Blocks. */
    public void pump(Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                lines.accept(line);
            }
        } catch (IOException e) {
            if (!killed) {
                throw new UncheckedIOException("reading the output of " + log + ": " + e.getMessage(), e);
            }
        }
    }

    /** Starts a daemon thread that pumps the output (for processes nobody reads line by line, like workers). */
    public void pumpInBackground(Consumer<String> lines) {
        Thread t = new Thread(() -> pump(lines), "bftref-pump-" + log.getFileName());
        t.setDaemon(true);
        t.start();
    }

    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        LIVE.remove(this);
        return code;
    }

    public boolean waitFor(long millis) throws InterruptedException {
        boolean exited = process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (exited) {
            LIVE.remove(this);
        }
        return exited;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean wasKilled() {
        return killed;
    }

    /** Kills the process and everything it started. */
    public void kill() {
        killed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(this);
    }
}
