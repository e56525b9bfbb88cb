package org.bftref.impl.bench;

import java.util.List;
import java.util.Locale;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;

/**
 * Throughput of the simulator proper: what {@code bftref simulate} runs (virtual time, an event queue, random
 * delays, every random choice recorded for replay, the simulator's log service whose results depend on the whole
 * history), as opposed to {@link Throughput}, which steps the cores in a loop with no delays. n replicas, every
 * message signed and deeply verified, a reliable network with delays of 1 to 5 ms, batches of up to 100.
 *
 * <p>Load: clients closed-loop, one request outstanding each. The primary orders a request at once while its
 * watermark window (8 sequence numbers, a checkpoint every 4) has room, so batches fill only when clients
 * outnumber the window's capacity (800 requests); 2,000 clients keep a queue at the primary. Timeouts are the
 * default scenario's (400 ms): requests wait tens of milliseconds of virtual time, so no correct primary is
 * suspected. Each row reports its view changes so that a reader can see none happened.
 */
public final class SimulatorBench {

    /** The batch size limit of every row. */
    public static final int BATCH_SIZE_MAX = 100;

    /**
     * One measured run. {@code sequenceNumbers} is how far the replicas executed, so requests / sequence numbers
     * is the mean batch formed; {@code events} counts the simulator's events (deliveries, timers).
     */
    public record Row(String scheme, int n, int clients, long requests, long sequenceNumbers, double seconds,
                      double cpuSeconds, long events, long viewChanges) {
        public double requestsPerSecond() {
            return requests / seconds;
        }

        public double requestsPerCpuSecond() {
            return requests / cpuSeconds;
        }

        public double meanBatch() {
            return sequenceNumbers == 0 ? 0 : (double) requests / sequenceNumbers;
        }
    }

    private SimulatorBench() {
    }

    /** The scenario a row runs: see the class comment for why each setting is what it is. */
    public static Scenario scenario(String scheme, int n, int clients, int requestsPerClient) {
        return Scenario.defaults(1, n).withScheme(scheme).withClients(clients, requestsPerClient)
                .withBatchSizeMax(BATCH_SIZE_MAX).withCheckpoints(4, 8)
                .withNetwork(Scenario.Network.reliable(1, 5)).withLimits(10_000_000, 500_000_000);
    }

    /** Runs one scenario; throws if it did not complete every request (a bench of a stalled run means nothing). */
    public static Row run(String scheme, int n, int clients, int requestsPerClient) {
        Scenario scenario = scenario(scheme, n, clients, requestsPerClient);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        SimulationResult result = Simulator.run(scenario);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (result.stop() != SimulationResult.Stop.COMPLETED || !result.allClientOpsCompleted()) {
            throw new IllegalStateException("the bench scenario did not complete (" + result.stop() + ", "
                    + result.completedClientOps() + " of " + scenario.operations() + " requests); seed "
                    + scenario.seed());
        }
        long executedTo = result.finalStates().values().stream()
                .mapToLong(SimulationResult.FinalState::lastExecuted).max().orElse(0);
        return new Row(scheme, n, clients, result.decisions(), executedTo, seconds, cpuSeconds, result.events(),
                result.viewChanges());
    }

    /**
     * The simulator's table: one row per run, with the ratio to the cores' loop ({@link Throughput}) for the same
     * scheme at batch {@value #BATCH_SIZE_MAX} when {@code cores} has that row: what the simulator's own
     * machinery costs.
     */
    public static String table(List<Row> rows, List<Throughput.Result> cores) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %3s %6s %8s %9s %8s %11s %10s %8s %11s %9s %6s %10s%n",
                "scheme", "n", "batch", "clients", "requests", "seconds", "requests/s", "mean batch", "CPU s",
                "req/CPU s", "events", "VCs", "vs cores"));
        for (Row r : rows) {
            String ratio = "-";
            for (Throughput.Result c : cores) {
                if (c.scheme().equals(schemeName(r.scheme())) && c.batchSizeMax() == BATCH_SIZE_MAX && c.n() == r.n()) {
                    ratio = String.format(Locale.ROOT, "%.2fx", r.requestsPerSecond() / c.requestsPerSecond());
                }
            }
            out.append(String.format(Locale.ROOT, "%-12s %3d %6d %8d %9d %8.2f %11.0f %10.1f %8.2f %11.0f %9d %6d %10s%n",
                    schemeName(r.scheme()), r.n(), BATCH_SIZE_MAX, r.clients(), r.requests(), r.seconds(),
                    r.requestsPerSecond(), r.meanBatch(), r.cpuSeconds(), r.requestsPerCpuSecond(), r.events(),
                    r.viewChanges(), ratio));
        }
        return out.toString();
    }

    /** The name the cores' table uses for a scenario's scheme. */
    private static String schemeName(String scenarioScheme) {
        return org.bftref.impl.crypto.SignatureScheme.named(scenarioScheme).name();
    }
}
