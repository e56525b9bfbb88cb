package org.bftref.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.runtime.ByzantineStrategy;
import org.bftref.impl.runtime.Cluster;
import org.bftref.impl.runtime.RunOptions;
import org.bftref.impl.runtime.RunResult;
import org.bftref.impl.runtime.StorageFactory;
import org.bftref.impl.runtime.TraceWriter;
import org.bftref.impl.storage.FileStorage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bftref run}: n replicas for real, each on its own thread, in this process. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Runs n PBFT replicas in this process, each core on its own thread, over an in-memory transport "
                        + "that carries wire bytes; signatures are checked on a pool of verifier threads before a "
                        + "core sees a message. Closed-loop clients (one request outstanding each) submit the "
                        + "requests. Prints throughput, latency p50/p99, view changes and dropped messages.",
                "",
                "Examples:",
                "  ./bftref run",
                "  ./bftref run --n 4 --requests 10000 --scheme hmac",
                "  ./bftref run --byzantine SILENT --requests 500 --json",
                "  ./bftref run --storage logs --resume    (after a run on logs was killed, with kill -9 say)",
                "",
                "Strategies: SILENT, CRASH (stops once a third of the requests completed), EQUIVOCATE. A bare "
                        + "STRATEGY applies to replica 0, the primary of view 0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every request completed and the honest replicas agree",
                "1:not every request completed within --timeout",
                "2:bad options (one line names the option)",
                "3:a --storage log cannot be opened (one line says why)",
                "4:honest replicas disagree (a safety violation: please report it)",
                "9:internal error"})
public final class RunCommand implements Callable<Integer> {

    static final int INCOMPLETE = 1;
    static final int BAD_INPUT = 2;
    static final int STORAGE = 3;
    static final int DISAGREEMENT = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--n", description = "replicas (default: ${DEFAULT-VALUE})")
    int n = 4;

    @Option(names = "--f", description = "faults tolerated (default: (n-1)/3)")
    Integer f;

    @Option(names = "--requests", description = "requests in all, shared by the clients (default: ${DEFAULT-VALUE})")
    long requests = 1_000;

    @Option(names = "--clients", description = "closed-loop clients (default: ${DEFAULT-VALUE})")
    int clients = 64;

    @Option(names = "--batch", description = "most requests in one PRE-PREPARE (default: ${DEFAULT-VALUE})")
    int batch = 100;

    @Option(names = "--verifiers", description = "signature verifier threads (default: ${DEFAULT-VALUE})")
    int verifiers = 2;

    @Option(names = "--scheme", description = "ed25519, ed25519-mac (Ed25519 between replicas, MAC authenticators on "
            + "requests and replies, as PBFT) or hmac (default: ${DEFAULT-VALUE})")
    String scheme = "ed25519";

    @Option(names = "--byzantine", paramLabel = "[ID=]STRATEGY",
            description = "a faulty replica and its strategy; repeat for more (at most f)")
    String[] byzantine = {};

    @Option(names = "--view-change-timeout", paramLabel = "MS",
            description = "how long a backup waits for a request before suspecting the primary (default: ${DEFAULT-VALUE})")
    long viewChangeTimeoutMillis = 2_000;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "give up after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 120;

    @Option(names = "--seed", description = "seeds the keys (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--storage", paramLabel = "DIR",
            description = "persist each replica's records in DIR/replica-<id>.log (default: in memory)")
    Path storage;

    @Option(names = "--resume", description = "start on the logs an earlier run left in --storage DIR (killed with "
            + "kill -9, say): each replica recovers its view and votes, the clients number their requests above the "
            + "earlier run's; --n, --f, --scheme, --seed must be the earlier run's")
    boolean resume;

    @Option(names = "--trace", paramLabel = "FILE", description = "write the honest replicas' protocol steps as NDJSON")
    Path trace;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    private static final class BadOption extends Exception {
        BadOption(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        RunOptions options;
        try {
            options = options();
        } catch (BadOption | IllegalArgumentException e) {
            err.println("bftref run: " + e.getMessage() + " (see bftref run --help)");
            return BAD_INPUT;
        }
        RunResult result;
        TraceWriter writer = null;
        try {
            if (trace != null) {
                writer = TraceWriter.open(trace);
                options.trace(writer);
            }
            result = Cluster.run(options);
        } catch (UncheckedIOException e) {
            err.println("bftref run: " + e.getMessage());
            return STORAGE;
        } catch (IllegalArgumentException e) { // the storage does not fit the options (--resume with other keys)
            err.println("bftref run: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("bftref run: cannot write " + trace + ": " + e.getMessage());
            return BAD_INPUT;
        } finally {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    err.println("bftref run: cannot write " + trace + ": " + e.getMessage());
                }
            }
        }
        out.println(json ? result.toJson() : result.summary().stripTrailing());
        out.flush();
        if (result.error() != null) {
            err.println("bftref run: internal error: " + result.error());
            return Main.INTERNAL_ERROR;
        }
        if (!result.agreed()) {
            err.println("bftref run: honest replicas disagree: a safety violation");
            return DISAGREEMENT;
        }
        if (!result.allCompleted()) {
            err.println("bftref run: only " + result.completed() + " of " + result.requested()
                    + " requests completed within " + timeoutSeconds + " s");
            return INCOMPLETE;
        }
        return 0;
    }

    private RunOptions options() throws BadOption {
        if (timeoutSeconds < 1) {
            throw new BadOption("--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        RunOptions o = new RunOptions().n(n).requests(requests).clients(clients).batchSizeMax(batch)
                .verifiers(verifiers).scheme(scheme(scheme)).viewChangeTimeoutMillis(viewChangeTimeoutMillis)
                .timeoutMillis(timeoutSeconds * 1_000).seed(seed);
        if (f != null) {
            o.f(f);
        }
        if (resume && storage == null) {
            throw new BadOption("--resume needs --storage DIR, the directory of the run to resume");
        }
        if (storage != null && !resume) {
            if (Files.isDirectory(storage)) {
                try (var entries = Files.list(storage)) {
                    if (entries.anyMatch(p -> FileStorage.isLogFileName(p.getFileName().toString()))) {
                        throw new BadOption("--storage " + storage + " holds the logs of an earlier run; "
                                + "give an empty or new directory, or --resume it");
                    }
                } catch (IOException e) {
                    throw new BadOption("--storage " + storage + ": " + e.getMessage());
                }
            }
        }
        if (storage != null) {
            o.storage(StorageFactory.files(storage)).resume(resume);
        }
        Map<Integer, ByzantineStrategy> faulty;
        try {
            faulty = ByzantineOption.parse(Arrays.asList(byzantine), ByzantineStrategy.class, (value, name) ->
                    "--byzantine " + value + ": unknown or not supported by run: '" + name + "'; run knows "
                            + Arrays.toString(ByzantineStrategy.values()) + " (bftref simulate has more)");
        } catch (IllegalArgumentException e) {
            throw new BadOption(e.getMessage());
        }
        faulty.forEach(o::byzantine);
        o.validate();
        if (resume) {
            requireLogsToResume(o);
        }
        return o;
    }

    /**
     * Resuming needs every replica's log (a SILENT one never wrote any): one that lost its log and rejoined as
     * new could sign votes conflicting with those it sent before, so that is refused rather than guessed.
     */
    private void requireLogsToResume(RunOptions o) throws BadOption {
        for (int r = 0; r < o.n(); r++) {
            if (o.byzantine().get(r) != ByzantineStrategy.SILENT
                    && !Files.isRegularFile(storage.resolve(FileStorage.fileName(r)))) {
                throw new BadOption("--resume: " + storage + " has no log of replica " + r + " ("
                        + FileStorage.fileName(r) + "); a replica that lost its log must not rejoin as new");
            }
        }
    }

    private static SignatureScheme scheme(String name) throws BadOption {
        SignatureScheme scheme = SignatureScheme.namedLoosely(name);
        if (scheme == null) {
            throw new BadOption("--scheme must be ed25519, ed25519-mac or hmac, was '" + name + "'");
        }
        return scheme;
    }
}
