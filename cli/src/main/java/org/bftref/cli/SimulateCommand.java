package org.bftref.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;


import org.bftref.impl.core.Config;
import org.bftref.impl.sim.InvalidScenarioException;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.ScenarioFile;
import org.bftref.impl.sim.ScenarioFileException;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.bftref.impl.trace.TraceFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bftref simulate}: one seeded, deterministic run of the Java PBFT in the simulator. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Runs one scenario of the Java PBFT in the deterministic simulator (virtual time, a lossy network "
                        + "until GST, Byzantine replicas) and prints what happened: decisions, view changes, "
                        + "dropped messages by reason, virtual and wall time. The same options give the same run.",
                "",
                "Examples:",
                "  ./bftref simulate --seed 7 --n 4 --byzantine EQUIVOCATE",
                "  ./bftref simulate --seed 7 --n 7 --byzantine 2=DOUBLE_VOTE --byzantine 5=FLOOD --json",
                "  ./bftref simulate --scenario property-tests/src/test/resources/regressions/lost-view-changes-seed-18.json",
                "",
                "Strategies: SILENT, CRASH, EQUIVOCATE, DOUBLE_VOTE, REPLAY, BAD_SIGNATURE, FALSE_CERTIFICATE, "
                        + "NV_OMIT, FLOOD, TWINS. A bare STRATEGY applies to replica 0, the primary of view 0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run completed: every client operation got f+1 matching replies",
                "1:the run stopped at a limit with client operations not completed",
                "2:bad options or a bad scenario file (one line names the option, or the file, line and field)",
                "3:a named file does not exist",
                "9:internal error"})
public final class SimulateCommand implements Callable<Integer> {

    static final int INCOMPLETE = 1;
    static final int BAD_INPUT = 2;
    static final int MISSING_FILE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "seeds every choice of the run and the keys (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--n", description = "replicas (default: ${DEFAULT-VALUE})")
    int n = 4;

    @Option(names = "--f", description = "faults tolerated (default: (n-1)/3)")
    Integer f;

    @Option(names = "--byzantine", paramLabel = "[ID=]STRATEGY",
            description = "a faulty replica and its strategy; repeat for more (at most f)")
    String[] byzantine = {};

    @Option(names = "--clients", description = "clients (default: ${DEFAULT-VALUE})")
    int clients = 2;

    @Option(names = "--requests", description = "requests per client (default: ${DEFAULT-VALUE})")
    int requests = 3;

    @Option(names = "--scheme", description = "hmac (fast), ed25519, or ed25519-mac (Ed25519 between replicas, MAC "
            + "authenticators on requests and replies, as PBFT) (default: ${DEFAULT-VALUE})")
    String scheme = "hmac";

    @Option(names = "--allow-unsafe", description = "permit n < 3f+1 or more than f faulty replicas (negative runs)")
    boolean allowUnsafe;

    @Option(names = "--scenario", paramLabel = "FILE", description = "run this scenario file instead of the options above")
    Path scenarioFile;

    @Option(names = "--trace", paramLabel = "FILE", description = "write the honest replicas' protocol steps as a trace (trace-validation/FORMAT.md)")
    Path trace;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        SimulationResult result;
        try {
            if (scenarioFile != null) {
                ScenarioFile file = ScenarioFile.read(scenarioFile);
                Scenario s = trace != null ? file.scenario().withRecordTrace(true) : file.scenario();
                result = file.hasChoices() ? Simulator.run(s, file.choiceSource()) : Simulator.run(s, progress(err));
            } else {
                result = Simulator.run(scenarioFromOptions(), progress(err));
            }
        } catch (ScenarioFileException e) {
            boolean missing = e.getCause() instanceof NoSuchFileException || !Files.exists(scenarioFile);
            err.println("bftref simulate: " + e.getMessage());
            return missing ? MISSING_FILE : BAD_INPUT;
        } catch (InvalidScenarioException e) {
            err.println("bftref simulate: " + optionOf(e.field()) + ": " + e.problem().replace("set allowUnsafe", "use --allow-unsafe"));
            return BAD_INPUT;
        } catch (BadOption e) {
            err.println("bftref simulate: " + e.getMessage() + " (see bftref simulate --help)");
            return BAD_INPUT;
        }
        if (trace != null) {
            try {
                writeTrace(result);
            } catch (IOException e) {
                err.println("bftref simulate: cannot write " + trace + ": " + e.getMessage());
                return BAD_INPUT;
            }
        }
        out.println(json ? result.toJson() : result.summary());
        out.flush();
        return result.allClientOpsCompleted() ? 0 : INCOMPLETE;
    }

    /**
     * Progress lines on stderr for a long run: none in the first second (most runs end sooner), then at most one a
     * second, with virtual time, events and decisions. Plain lines, so they read the same in a terminal and a log.
     */
    static Simulator.Progress progress(PrintWriter err) {
        long start = System.nanoTime();
        long[] lastShown = {start};
        return (virtualMillis, events, decisions) -> {
            long now = System.nanoTime();
            if (now - lastShown[0] < 1_000_000_000L) {
                return;
            }
            lastShown[0] = now;
            err.printf(java.util.Locale.ROOT, "bftref simulate: %,d ms virtual, %,d events, %,d decisions (%.0f s wall)%n",
                    virtualMillis, events, decisions, (now - start) / 1e9);
            err.flush();
        };
    }

    private static final class BadOption extends Exception {
        BadOption(String message) {
            super(message);
        }
    }

    private Scenario scenarioFromOptions() throws BadOption {
        Map<Integer, Strategy> faulty;
        try {
            faulty = byzantine(java.util.Arrays.asList(byzantine));
        } catch (IllegalArgumentException e) {
            throw new BadOption(e.getMessage());
        }
        int faults = f != null ? f : Config.faultsTolerated(n);
        Scenario s = Scenario.defaults(seed, Math.max(1, n));
        if (n < 1) {
            throw new BadOption("--n must be >= 1, was " + n);
        }
        return new Scenario(seed, n, faults, clients, requests, s.batchSizeMax(), s.checkpointInterval(),
                s.watermarkWindow(), s.viewChangeTimeoutMillis(), scheme, s.network(), faulty, java.util.List.of(),
                java.util.Set.of(), s.maxVirtualMillis(), s.maxEvents(), allowUnsafe, trace != null, false);
    }

    /**
     * The {@code --byzantine [ID=]STRATEGY} values (simulate's and demo's), read by {@link ByzantineOption} as run's
     * are: a bare strategy applies to replica 0, the primary of view 0. Throws with a one-line message naming the
     * value.
     */
    static Map<Integer, Strategy> byzantine(List<String> values) {
        return ByzantineOption.parse(values, Strategy.class, (value, name) -> "--byzantine " + value
                + ": unknown strategy '" + name + "'; known: " + java.util.Arrays.toString(Strategy.values()));
    }

    /** Scenario field names, as the options that set them. */
    private static String optionOf(String field) {
        switch (field) {
            case "f":
                return "--f";
            case "n":
                return "--n";
            case "clients":
                return "--clients";
            case "requestsPerClient":
                return "--requests";
            case "scheme":
                return "--scheme";
            default:
                return field.startsWith("byzantine") ? "--byzantine" : field;
        }
    }

    /** The run's trace in the bftref trace format, version 1 (trace-validation/FORMAT.md). */
    private void writeTrace(SimulationResult result) throws IOException {
        TraceFormat.writeFile(trace, result.traceLines());
    }
}
