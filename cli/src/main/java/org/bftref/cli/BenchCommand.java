package org.bftref.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bftref.impl.bench.RecoveryBench;
import org.bftref.impl.bench.RuntimeBench;
import org.bftref.impl.bench.SimulatorBench;
import org.bftref.impl.bench.Throughput;
import org.bftref.impl.crypto.SignatureScheme;
import org.bftref.impl.runtime.RunOptions;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.Simulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bftref bench}: throughput of the pure cores and simulator speed, as a table with ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
                "Measures, in one run so that ratios are comparable: requests/s of n PBFT cores on one thread "
                        + "(every message signed and deeply verified), batch size 1 and 100, with Ed25519 for every "
                        + "message, with Ed25519 between replicas and MAC authenticators on requests and replies "
                        + "(Ed25519+MAC, as PBFT), and with HMAC-SHA256; the mean batch formed, CPU time and the "
                        + "shares of wall time spent verifying and signing. Ratios are against the first row. "
                        + "Batch-100 rows use 2,000 clients and a window of 8 sequence numbers, so that batches "
                        + "fill up.",
                "Then the simulator proper (what bftref simulate runs: virtual time, random delays of 1 to 5 ms, "
                        + "choices recorded for replay), n replicas, batch 100, 2,000 clients, with each scheme: "
                        + "requests executed per wall-clock second, the mean batch, view changes (none expected) "
                        + "and the ratio to the cores' loop above; and default simulator scenarios per second.",
                "With --runtime: the in-process runtime instead (what bftref run does: replica threads, "
                        + "verifier pool, wire codec), Ed25519, batch 100 and 1, verifier pool 2 and 1 threads, "
                        + "requests/s and latency p50/p99.",
                "With --recovery: n replicas on file storage, HMAC-SHA256 and Ed25519: a backup stops abruptly, the "
                        + "others execute 10,000 requests (1,000 with --quick), the backup restarts from its log; "
                        + "the time until it has caught up (and until its first state transfer), the messages and "
                        + "bytes meanwhile, and the ratio to the time the cluster took for the requests it missed.",
                "",
                "Examples:",
                "  ./bftref bench --n 4",
                "  ./bftref bench --runtime",
                "  ./bftref bench --recovery --json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "2:bad options", "9:internal error"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--n", description = "replicas (default: ${DEFAULT-VALUE})")
    int n = 4;

    @Option(names = "--quick", description = "fewer requests (a smoke run; the figures are noisier)")
    boolean quick;

    @Option(names = "--validation", description = "measure trace validation instead: events/s and TLC's peak heap for "
            + "traces of 1,000, 10,000 and 100,000 events, and the same traces as a generated TLA+ module")
    boolean validation;

    @Option(names = "--runtime", description = "measure the in-process runtime (bftref run) instead of the cores")
    boolean runtime;

    @Option(names = "--recovery", description = "measure how long a restarted replica takes to catch up after missing "
            + "10,000 requests (1,000 with --quick)")
    boolean recovery;

    @Option(names = "--json", description = "with --recovery: print the rows as one JSON object")
    boolean json;

    @Option(names = "--clients", description = "closed-loop clients, with --runtime (default: ${DEFAULT-VALUE})")
    int clients = 64;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String problem = RunOptions.replicasProblem(n);
        if (problem == null) {
            problem = RunOptions.clientsProblem(clients);
        }
        if (problem != null) {
            spec.commandLine().getErr().println("bftref bench: " + problem);
            return 2;
        }
        if (json && !recovery) {
            spec.commandLine().getErr().println("bftref bench: --json goes with --recovery only");
            return 2;
        }
        if (recovery) {
            if (n < 4) {
                spec.commandLine().getErr().println("bftref bench: --recovery needs --n >= 4 (one replica stops), was " + n);
                return 2;
            }
            List<RecoveryBench.Row> rows = RecoveryBench.run(n, quick ? 1_000 : 10_000);
            out.print(json ? RecoveryBench.json(rows) + "\n" : RecoveryBench.table(rows));
            out.flush();
            return 0;
        }
        if (runtime) {
            out.print(RuntimeBench.table(RuntimeBench.run(n, clients, quick ? 150 : 600)));
            out.flush();
            return 0;
        }
        if (validation) {
            try {
                ValidationBench.run(out, quick);
            } catch (Exception e) {
                spec.commandLine().getErr().println("bftref bench: " + e.getMessage());
                return 9;
            }
            return 0;
        }
        int scale = quick ? 1 : 5;
        Throughput.run(SignatureScheme.HMAC_SHA256, n, 100, 200, 5); // warm up the JIT
        Throughput.run(SignatureScheme.ED25519_MAC, n, 100, 200, 1, 4, 8); // and Ed25519's code
        List<Throughput.Result> results = new ArrayList<>();
        // Batch 100 needs many more outstanding requests than the window has sequence numbers: the primary
        // orders a request at once while the window has room (Throughput.run says more).
        results.add(Throughput.run(SignatureScheme.ED25519, n, 1, 50, scale));
        results.add(Throughput.run(SignatureScheme.ED25519, n, 100, 2_000, 1, 4, 8));
        results.add(Throughput.run(SignatureScheme.ED25519_MAC, n, 1, 50, scale));
        results.add(Throughput.run(SignatureScheme.ED25519_MAC, n, 100, 2_000, 2 * scale, 4, 8));
        results.add(Throughput.run(SignatureScheme.HMAC_SHA256, n, 1, 200, 4 * scale));
        results.add(Throughput.run(SignatureScheme.HMAC_SHA256, n, 100, 2_000, 2 * scale, 4, 8));
        out.print(Throughput.table(results));
        out.flush();

        SimulatorBench.run("hmac", n, 2_000, 2); // warm up the simulator's own code
        List<SimulatorBench.Row> simulated = new ArrayList<>();
        simulated.add(SimulatorBench.run("ed25519-mac", n, 2_000, 4 * scale));
        simulated.add(SimulatorBench.run("hmac", n, 2_000, 8 * scale));
        // Ed25519 on every request too: about 200 requests/s, so one request per client (still full batches).
        simulated.add(SimulatorBench.run("ed25519", n, 2_000, 1));
        out.printf(Locale.ROOT, "%nsimulator proper (virtual time, delays 1-5 ms, n=%d, batch %d; 'vs cores': "
                + "requests/s over the cores' batch-%d row of the same scheme above):%n",
                n, SimulatorBench.BATCH_SIZE_MAX, SimulatorBench.BATCH_SIZE_MAX);
        out.print(SimulatorBench.table(simulated, results));

        for (long seed = 1; seed <= 100; seed++) {
            Simulator.run(Scenario.defaults(seed, n));
        }
        int runs = 200 * scale;
        long start = System.nanoTime();
        for (long seed = 1_000; seed < 1_000 + runs; seed++) {
            Simulator.run(Scenario.defaults(seed, n));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%nsimulator: %d default scenarios (n=%d, HMAC) in %.2f s: %.0f scenarios/s%n",
                runs, n, seconds, runs / seconds);
        out.flush();
        return 0;
    }
}
