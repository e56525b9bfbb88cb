package org.bftref.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bftref.impl.core.Config;
import org.bftref.impl.core.Mutant;
import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.Strategy;

/**
 * Random scenarios from a seed: the size, the load, the protocol parameters (small checkpoint intervals and
 * windows, so that garbage collection, watermarks and state transfer happen in short runs), the network before
 * GST (delays, loss, duplication, partitions that heal by GST), up to f Byzantine replicas with random
 * strategies (the primary of view 0 often among them), and crashes of honest replicas that restart before GST.
 * The scenario's own seed is the generator's, so a failing scenario is reproduced from one number.
 *
 * <p>Every generated scenario is one in which the properties must hold, liveness included: at most f replicas
 * are Byzantine, and every honest replica that crashes is back by GST.
 */
public final class ScenarioGenerator {

    /** The strategies a random scenario draws from: all but TWINS, which has its own engine. */
    static final List<Strategy> STRATEGIES = List.of(Strategy.SILENT, Strategy.CRASH, Strategy.EQUIVOCATE,
            Strategy.DOUBLE_VOTE, Strategy.REPLAY, Strategy.BAD_SIGNATURE, Strategy.FALSE_CERTIFICATE,
            Strategy.NV_OMIT, Strategy.FLOOD);

    private ScenarioGenerator() {
    }

    /** A random scenario for n replicas, from seed. */
    public static Scenario random(long seed, int n) {
        return random(seed, n, STRATEGIES, Set.of());
    }

    /** As {@link #random(long, int)}, drawing Byzantine strategies from {@code strategies}, with these rules broken. */
    public static Scenario random(long seed, int n, List<Strategy> strategies, Set<Mutant> mutants) {
        SplittableRandom random = new SplittableRandom(seed);
        int f = Config.faultsTolerated(n);
        int clients = 1 + random.nextInt(3);
        int requests = 1 + random.nextInt(4);
        int batch = 1 + random.nextInt(3);
        int interval = 2 << random.nextInt(2); // 2 or 4
        int window = interval * (2 + random.nextInt(2));
        long timeout = 300 + random.nextInt(300);
        long minDelay = random.nextInt(5);
        long maxDelay = minDelay + 1 + random.nextInt(random.nextBoolean() ? 30 : 150);
        long gst = random.nextInt(4) == 0 ? 0 : 200 + random.nextInt(2_500);
        long afterGst = 1 + random.nextInt(20);
        int drop = random.nextInt(3) == 0 ? 0 : random.nextInt(15);
        int duplicate = random.nextInt(3) == 0 ? 0 : random.nextInt(10);
        List<Scenario.Partition> partitions = new ArrayList<>();
        if (gst > 100) {
            for (int i = random.nextInt(3); i > 0; i--) {
                long from = random.nextLong(gst - 50);
                long until = from + 1 + random.nextLong(gst - from);
                Set<Integer> side = new TreeSet<>();
                for (int k = 1 + random.nextInt(Math.max(1, n / 2)); k > 0; k--) {
                    side.add(random.nextInt(n));
                }
                partitions.add(new Scenario.Partition(from, until, side));
            }
        }
        Scenario.Network network = new Scenario.Network(minDelay, maxDelay, drop, duplicate, gst, afterGst, partitions);

        Map<Integer, Strategy> byzantine = new TreeMap<>();
        int faulty = random.nextInt(f + 1);
        if (faulty > 0 && !strategies.isEmpty()) {
            if (random.nextBoolean()) {
                byzantine.put(0, strategies.get(random.nextInt(strategies.size()))); // the first primary
            }
            while (byzantine.size() < faulty) {
                byzantine.put(random.nextInt(n), strategies.get(random.nextInt(strategies.size())));
            }
        }
        List<Scenario.Crash> crashes = new ArrayList<>();
        if (gst > 100 && random.nextInt(3) == 0) {
            int replica = random.nextInt(n);
            if (!byzantine.containsKey(replica)) {
                long at = random.nextLong(gst / 2);
                crashes.add(new Scenario.Crash(replica, at, at + 1 + random.nextLong(gst - at)));
            }
        }
        return Scenario.defaults(seed, n)
                .withClients(clients, requests)
                .withBatchSizeMax(batch)
                .withCheckpoints(interval, window)
                .withViewChangeTimeoutMillis(timeout)
                .withNetwork(network)
                .withByzantine(byzantine)
                .withCrashes(crashes)
                .withMutants(mutants);
    }
}
