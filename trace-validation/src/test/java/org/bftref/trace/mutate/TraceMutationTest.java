package org.bftref.trace.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.bftref.impl.sim.Scenario;
import org.bftref.impl.sim.SimulationResult;
import org.bftref.impl.sim.Simulator;
import org.bftref.impl.sim.Strategy;
import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceLine;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.mutate.MutantOracle.Outcome;
import org.bftref.trace.mutate.MutantOracle.Prediction;
import org.bftref.trace.mutate.TraceMutator.Kind;
import org.bftref.trace.mutate.TraceMutator.Mutant;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken traces: does TracePBFT.tla reject what it must, where it must, for the reason it must?
 *
 * <p>Ten traces of our simulator (n = 4, a Byzantine replica, view changes in every one; crashes and restarts,
 * partitions and state transfer in some), first checked to be accepted, are mutated by {@link TraceMutator}: 300
 * mutants of its 16 kinds, from a fixed seed. {@link MutantOracle} predicts every verdict without TLC; then all
 * mutants are validated in one TLC run and every verdict must match its prediction:
 *
 * <ul>
 *   <li>EXACT: the mutation breaks a rule of the changed event itself (a fresh digest in a SendCommit or Execute;
 *       a PREPARE or COMMIT from a replica that never sent it; votes below quorum; the primary among the
 *       PREPAREs; a view the replica is not in; n outside the watermarks; a second COMMIT for (v, n); ...): TLC
 *       must reject at exactly that event, and with the predicted check as reason.</li>
 *   <li>LATER: the changed event is legal (a faulty primary could have sent a PRE-PREPARE with any digest; an
 *       event may be dropped; ...) but a later event depended on what it changed: rejected exactly there, with
 *       the predicted reason.</li>
 *   <li>LEGAL: the oracle shows that the mutant is a behaviour PBFT allows (nothing later reads what the change
 *       touched, or every event that does still satisfies its rules): TLC must accept.</li>
 *   <li>UNDECIDED: the oracle's rules do not cover a step whose inputs changed (see below); TLC's verdict must
 *       still lie within the oracle's bounds: no rejection before the first undecided event, and a rejection at
 *       the latest at the first event that certainly breaks a rule.</li>
 *   <li>SPEC_GAP: the event breaks a rule of the protocol that TracePBFT checks only above its garbage-collection
 *       horizon (see {@link #rulesCheckedOnlyAboveTheGarbageCollectionHorizonAreReported}); TLC may accept it
 *       today, or reject it there for that rule once the spec closes the gap. Listed in the output.</li>
 * </ul>
 *
 * <p>The output is a table per mutation kind (how many of each outcome, and how many undecided TLC accepted) and
 * one example per kind and outcome with the oracle's reasoning, e.g. "no later event reads anything the mutation
 * changed" for a swap of independent events, or "event 86 (SendCheckpoint by 3 (n=6, ..)) breaks "the replica has
 * not executed exactly up to n"" for a dropped Execute.
 *
 * <p>What the oracle covers, honestly: it never runs the spec. It decides by "same inputs, same answer" against
 * the accepted original (for events identical to the original's whose checks read the same state), and by PBFT's
 * rules restated independently for the normal case, checkpoints, state transfer, restart and most of the view
 * change (the P of a VIEW-CHANGE, a NEW-VIEW's V from 2f+1 distinct replicas whose honest VIEW-CHANGEs were sent,
 * the honest primary's NEW-VIEW). It does not restate the join rule (a VIEW-CHANGE for a view more than one
 * above the replica's, asked for by f+1 replicas) nor the validity of a faulty replica's VIEW-CHANGE inside a
 * NEW-VIEW (checkpoint proof, prepared certificates): mutants whose outcome hinges on those are undecided. The
 * state it compares (TraceState) mirrors the effects of the spec's actions, including garbage collection; the
 * rules are checked against the accepted originals first (none may reject an accepted trace). Its rules follow the
 * order and words of TracePBFT's checks, so where they agree with the spec by construction (most of them restate
 * the same condition) the test checks TLC's encoding of them (records, sets, garbage collection, the cursor),
 * not their wisdom; the places where the oracle deliberately states the protocol more strictly than the spec
 * (whole history instead of what is above the horizon; Agreement of executions) are where it can disagree, and
 * those disagreements are reported as SPEC_GAP, not hidden. Renaming a digest to a fresh name is decided
 * without the rules at all: digests are opaque, so the mutant must be accepted.
 */
class TraceMutationTest {

    private static final int TRACES = 10;
    private static final int MUTANTS = 300;
    private static final long MUTANT_SEED = 20_240_611L;
    private static final Path DIR = Path.of("target", "trace-mutation");

    private static List<Trace> originals;

    @BeforeAll
    static void simulateAndValidate() throws Exception {
        originals = simulatorTraces();
        List<Verdict> verdicts = TraceValidator.validateAll(originals, TraceValidator.Options.defaults());
        List<String> rejected = new ArrayList<>();
        for (int t = 0; t < originals.size(); t++) {
            if (!verdicts.get(t).accepted()) {
                rejected.add(verdicts.get(t).text());
            }
        }
        assertEquals(List.of(), rejected, "the simulator wrote traces that TracePBFT rejects: a bug of the"
                + " implementation (or of the spec), to be fixed before mutants of them mean anything");
    }

    /**
     * Ten simulator traces with view changes: n = 4, one Byzantine replica (usually the primary of view 0) with
     * strategies in turn; some runs crash and restart replica 1, some cut replica 3 off for a while.
     */
    static List<Trace> simulatorTraces() throws Exception {
        Strategy[] strategies = {Strategy.SILENT, Strategy.EQUIVOCATE, Strategy.NV_OMIT, Strategy.CRASH,
                Strategy.DOUBLE_VOTE, Strategy.FALSE_CERTIFICATE, Strategy.REPLAY, Strategy.FLOOD};
        Files.createDirectories(DIR);
        List<Trace> out = new ArrayList<>();
        for (long seed = 1; out.size() < TRACES && seed <= 200; seed++) {
            Strategy strategy = strategies[(int) (seed % strategies.length)];
            int faulty = seed % 3 == 0 ? 2 : 0;
            Scenario scenario = Scenario.defaults(seed, 4)
                    .withByzantine(faulty, strategy)
                    .withCheckpoints(2, 4)
                    .withClients(2, 4)
                    .withRecordTrace(true);
            if (seed % 4 == 1) {
                scenario = scenario.withCrash(1, 300, 700);
            } else if (seed % 4 == 2) {
                scenario = scenario.withNetwork(scenario.network()
                        .withPartitions(List.of(Scenario.Partition.of(100, 900, List.of(3)))));
            }
            SimulationResult result = Simulator.run(scenario);
            if (result.viewChanges() == 0) {
                continue;
            }
            Path file = DIR.resolve("seed-" + seed + "-" + strategy.name().toLowerCase() + ".ndjson");
            StringBuilder text = new StringBuilder();
            for (String line : result.traceLines()) {
                text.append(line).append('\n');
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            out.add(TraceReader.read(file));
        }
        assertEquals(TRACES, out.size(), "not enough scenarios with view changes");
        return out;
    }

    @Test
    void everyMutantGetsTheVerdictTheOracleExpects() throws Exception {
        long start = System.nanoTime();
        Map<String, Integer> actions = new TreeMap<>();
        for (Trace t : originals) {
            for (TraceLine e : t.events()) {
                actions.merge(e.action(), 1, Integer::sum);
            }
        }
        for (String a : List.of("Restart", "StateTransfer", "SendViewChange", "SendNewView", "AcceptNewView")) {
            assertTrue(actions.containsKey(a), "the traces have no " + a + ": " + actions);
        }

        List<TraceMutator> mutators = new ArrayList<>();
        List<MutantOracle> oracles = new ArrayList<>();
        for (Trace t : originals) {
            mutators.add(new TraceMutator(t));
            oracles.add(new MutantOracle(t));
        }
        Random random = new Random(MUTANT_SEED);
        List<Mutant> mutants = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; mutants.size() < MUTANTS && i < 10 * MUTANTS; i++) {
            Kind kind = kinds[i % kinds.length];
            int first = random.nextInt(originals.size());
            for (int t = 0; t < originals.size(); t++) {
                int which = (first + t) % originals.size();
                Optional<Mutant> m = mutators.get(which).random(kind, random);
                if (m.isPresent()) {
                    mutants.add(m.get());
                    predictions.add(oracles.get(which).predict(m.get()));
                    break;
                }
            }
        }
        assertEquals(MUTANTS, mutants.size());

        List<Trace> all = new ArrayList<>();
        for (Mutant m : mutants) {
            all.add(m.trace());
        }
        List<Verdict> verdicts = TraceValidator.validateAll(all, TraceValidator.Options.defaults());

        Map<Kind, int[]> table = new EnumMap<>(Kind.class);
        List<String> mismatches = new ArrayList<>();
        Map<String, String> examples = new TreeMap<>();
        List<String> gaps = new ArrayList<>();
        for (int k = 0; k < mutants.size(); k++) {
            Mutant m = mutants.get(k);
            Prediction p = predictions.get(k);
            Verdict v = verdicts.get(k);
            String problem = compare(p, v);
            if (problem != null) {
                mismatches.add(m.description() + "\n    oracle: " + p.outcome() + " " + p.explanation()
                        + "\n    TLC: " + (v.accepted() ? "accepted" : "rejected at event " + v.rejectedAt() + ": "
                        + v.reason()) + "\n    " + problem);
                save(m);
            }
            int[] row = table.computeIfAbsent(m.kind(), x -> new int[COLUMNS]);
            row[0]++;
            row[1 + p.outcome().ordinal()]++;
            if (p.outcome() == Outcome.UNDECIDED && v.accepted()) {
                row[COLUMNS - 1]++;
            }
            if (p.outcome() == Outcome.SPEC_GAP) {
                gaps.add(m.description() + "\n      -> " + p.explanation() + "\n      TLC: " + (v.accepted() ? "accepted"
                        : "rejected at " + v.rejectedAt() + ": " + v.reason()) + " (" + m.trace().files().get(0).getFileName() + ")");
            }
            examples.putIfAbsent(m.kind() + " " + p.outcome(), m.description() + "\n      -> " + p.explanation()
                    + "\n      TLC: " + (v.accepted() ? "accepted" : "rejected at " + v.rejectedAt() + ": " + v.reason()));
        }

        System.out.println(summary(table));
        if (!gaps.isEmpty()) {
            System.out.println("Mutants that break a protocol rule TracePBFT checks only above its garbage-collection"
                    + " horizon (SPEC_GAP):");
            gaps.forEach(g -> System.out.println("  " + g));
        }
        System.out.println("One example per kind and outcome:");
        examples.forEach((key, text) -> System.out.println("  [" + key + "] " + text));
        System.out.printf("%d traces (%d events), %d mutants, %.1f s%n", originals.size(),
                originals.stream().mapToInt(t -> t.events().size()).sum(), mutants.size(),
                (System.nanoTime() - start) / 1e9);
        assertEquals(List.of(), mismatches, mismatches.size() + " mutants got another verdict than the oracle's:\n"
                + String.join("\n", mismatches));
        int[] total = new int[COLUMNS];
        table.values().forEach(row -> {
            for (int c = 0; c < COLUMNS; c++) {
                total[c] += row[c];
            }
        });
        assertTrue(total[1] > 0 && total[2] > 0 && total[3] > 0, "every decided outcome occurs: " + summary(table));
    }

    /** Null if TLC's verdict is what the prediction allows, else what differs. */
    static String compare(Prediction p, Verdict v) {
        switch (p.outcome()) {
            case LEGAL:
                return v.accepted() ? null : "expected acceptance";
            case EXACT:
            case LATER:
                if (v.accepted() || v.rejectedAt() != p.at()) {
                    return "expected rejection at event " + p.at();
                }
                if (p.reason() != null && !v.reason().contains(p.reason())) {
                    return "expected the reason \"" + p.reason() + "\"";
                }
                return null;
            case SPEC_GAP:
                // TLC may let the event pass (the gap) or, once the spec closes the gap, reject it for that rule.
                if (!v.accepted() && v.rejectedAt() < p.at()) {
                    return "expected no rejection before event " + p.at();
                }
                if (!v.accepted() && v.rejectedAt() == p.at() && !v.reason().contains(p.reason())) {
                    return "expected the reason \"" + p.reason() + "\" if rejected at event " + p.at();
                }
                return null;
            case UNDECIDED:
                if (v.accepted()) {
                    return p.latest() == 0 ? null : "expected rejection by event " + p.latest();
                }
                if (v.rejectedAt() < p.at() || (p.latest() != 0 && v.rejectedAt() > p.latest())) {
                    return "expected rejection within events " + p.at() + ".." + (p.latest() == 0 ? "end" : p.latest());
                }
                return null;
            default:
                throw new IllegalStateException();
        }
    }

    /** Per kind: mutants, then one column per outcome, then the undecided that TLC accepted. */
    static final int COLUMNS = 2 + Outcome.values().length;

    static String summary(Map<Kind, int[]> table) {
        StringBuilder b = new StringBuilder();
        String format = "%-19s %7s %7s %7s %7s %9s %8s  %s%n";
        b.append(String.format(format, "mutation", "mutants", "exact", "later", "legal", "undecided", "spec gap",
                "(undecided that TLC accepted)"));
        int[] total = new int[COLUMNS];
        for (Map.Entry<Kind, int[]> e : table.entrySet()) {
            int[] r = e.getValue();
            b.append(String.format(format, e.getKey(), r[0], r[1], r[2], r[3], r[4], r[5], r[6]));
            for (int c = 0; c < COLUMNS; c++) {
                total[c] += r[c];
            }
        }
        b.append(String.format(format.trim(), "total", total[0], total[1], total[2], total[3], total[4], total[5], total[6]));
        return b.toString();
    }

    private static void save(Mutant m) {
        try {
            Path file = DIR.resolve(m.trace().files().get(0).getFileName());
            StringBuilder text = new StringBuilder();
            text.append(m.trace().header().json()).append('\n');
            for (TraceLine e : m.trace().events()) {
                text.append(e.json()).append('\n');
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Two rules of the protocol that TracePBFT checks only against messages above its garbage-collection horizon
     * (the lowest stable checkpoint of the honest replicas), found by this test's oracle:
     *
     * <ul>
     *   <li>"another honest replica has a different state at n": a replica that adopts the state at n by state
     *       transfer logs its CHECKPOINT for n after the others' CHECKPOINTs for n were collected, so a wrong
     *       state digest there is compared with nothing;</li>
     *   <li>"view v already has a PRE-PREPARE with digest d": a primary that assigns a batch digest it already
     *       assigned in the same view, below the horizon (the bug of commit 50394eb, happening after a
     *       checkpoint), is not noticed.</li>
     * </ul>
     *
     * <p>Each probe is a mutant the oracle classifies SPEC_GAP; TLC may accept it (the gap, printed) or reject it
     * at that event for that rule (the gap closed), nothing else.
     */
    @Test
    void rulesCheckedOnlyAboveTheGarbageCollectionHorizonAreReported() throws Exception {
        List<Mutant> probes = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        int checkpointProbes = 0;
        int prePrepareProbes = 0;
        for (Trace t : originals) {
            TraceMutator mutator = new TraceMutator(t);
            MutantOracle oracle = new MutantOracle(t);
            for (int k = 1; k <= t.events().size(); k++) {
                String action = t.events().get(k - 1).action();
                if (action.equals("SendCheckpoint") && checkpointProbes < 3) {
                    Optional<Mutant> m = mutator.mutate(Kind.DIGEST_FRESH, k, new Random(k));
                    Prediction p = oracle.predict(m.orElseThrow());
                    if (p.outcome() == Outcome.SPEC_GAP) {
                        probes.add(m.get());
                        predictions.add(p);
                        checkpointProbes++;
                    }
                }
                if (prePrepareProbes < 3 && mutator.targets(Kind.RENAME_EXISTING).contains(k)) {
                    for (int seed = 0; seed < 8; seed++) {
                        Mutant m = mutator.mutate(Kind.RENAME_EXISTING, k, new Random(seed)).orElseThrow();
                        Prediction p = oracle.predict(m);
                        if (p.outcome() == Outcome.SPEC_GAP) {
                            probes.add(m);
                            predictions.add(p);
                            prePrepareProbes++;
                            break;
                        }
                    }
                }
            }
        }
        System.out.printf("%d probes of a state digest after state transfer, %d of a re-assigned digest%n",
                checkpointProbes, prePrepareProbes);
        assertTrue(prePrepareProbes > 0, "no trace lets a primary re-assign a digest below the horizon");
        List<Trace> traces = new ArrayList<>();
        probes.forEach(m -> traces.add(m.trace()));
        List<Verdict> verdicts = TraceValidator.validateAll(traces, TraceValidator.Options.defaults());
        List<String> mismatches = new ArrayList<>();
        for (int k = 0; k < probes.size(); k++) {
            Verdict v = verdicts.get(k);
            String problem = compare(predictions.get(k), v);
            System.out.println("  " + probes.get(k).description() + " (" + probes.get(k).trace().files().get(0).getFileName()
                    + ")\n    -> " + predictions.get(k).explanation() + "\n    TLC: "
                    + (v.accepted() ? "accepted" : "rejected at " + v.rejectedAt() + ": " + v.reason()));
            if (problem != null) {
                mismatches.add(probes.get(k).description() + ": " + problem);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void mutantsAreReproducibleAndWellFormed() {
        Trace t = originals.get(0);
        for (Kind kind : Kind.values()) {
            TraceMutator mutator = new TraceMutator(t);
            Optional<Mutant> a = mutator.random(kind, new Random(7));
            Optional<Mutant> b = mutator.random(kind, new Random(7));
            assertEquals(a.isPresent(), b.isPresent(), kind.toString());
            if (a.isPresent()) {
                assertEquals(a.get().description(), b.get().description());
                assertEquals(json(a.get().trace()), json(b.get().trace()));
                assertFalse(json(a.get().trace()).equals(json(t)), kind + " changed nothing");
                assertEquals(t.header().faulty(), a.get().trace().header().faulty());
            }
        }
        assertTrue(new TraceMutator(t).mutate(Kind.SWAP, t.events().size(), new Random(1)).isEmpty(),
                "the last event has no successor to swap with");
    }

    private static List<String> json(Trace t) {
        List<String> out = new ArrayList<>();
        for (TraceLine e : t.events()) {
            out.add(e.json().toString());
        }
        return out;
    }
}
