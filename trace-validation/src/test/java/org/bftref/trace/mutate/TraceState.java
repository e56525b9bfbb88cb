package org.bftref.trace.mutate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.trace.format.TraceHeader;

/**
 * What the events of a trace have done so far, for {@link MutantOracle}: the views, stable checkpoints, executed
 * sequence numbers and certificates of the honest replicas, and the messages they sent. This is the effect of
 * each step (the part of TracePBFT.tla's actions after the guard), including its garbage collection below the
 * lowest stable checkpoint and below the lowest view, so that "what a check reads" can be compared between an
 * original trace and its mutant. It never decides whether a step is allowed: {@link MutantOracle} does that.
 */
final class TraceState {

    record Cert(long n, long v, String d) {
    }

    record PrePrepare(long v, long n, String d) {
    }

    /** A PREPARE or a COMMIT of honest replica r. */
    record Vote(long v, long n, String d, int r) {
    }

    record Checkpoint(long n, String s, int r) {
    }

    record VEntry(int r, long h, Set<Cert> P) {
    }

    record OEntry(long n, String d) {
    }

    record ViewChange(long v, int r, long h, Set<Cert> P) {
    }

    record NewView(long v, Set<VEntry> V, Set<OEntry> O) {
    }

    /** One event, parsed. Fields the action does not have are -1, null or empty. */
    record Event(String action, int r, long v, long n, long h, String d, String state, Set<Integer> votes,
                 Set<Cert> P, Set<VEntry> V, Set<OEntry> O, ObjectNode json) {

        static Event of(ObjectNode e) {
            String action = e.get("action").textValue();
            Set<Integer> votes = new TreeSet<>();
            for (String f : List.of("prepares", "commits", "proof")) {
                if (e.has(f)) {
                    for (JsonNode x : e.get(f)) {
                        votes.add(x.intValue());
                    }
                }
            }
            Set<VEntry> V = new HashSet<>();
            if (e.has("V")) {
                for (JsonNode x : e.get("V")) {
                    V.add(new VEntry(x.get("r").intValue(), x.get("h").longValue(), certs(x.get("P"))));
                }
            }
            Set<OEntry> O = new HashSet<>();
            if (e.has("O")) {
                for (JsonNode x : e.get("O")) {
                    O.add(new OEntry(x.get("n").longValue(), x.get("d").textValue()));
                }
            }
            return new Event(action, e.get("replica").intValue(), num(e, "v"), num(e, "n"), num(e, "h"),
                    text(e, "d"), text(e, "state"), Collections.unmodifiableSet(votes),
                    e.has("P") ? certs(e.get("P")) : Set.of(), Collections.unmodifiableSet(V),
                    Collections.unmodifiableSet(O), e);
        }

        private static Set<Cert> certs(JsonNode array) {
            Set<Cert> out = new HashSet<>();
            for (JsonNode c : array) {
                out.add(new Cert(c.get("n").longValue(), c.get("v").longValue(), c.get("d").textValue()));
            }
            return Collections.unmodifiableSet(out);
        }

        private static long num(ObjectNode e, String f) {
            return e.has(f) && e.get(f).isIntegralNumber() ? e.get(f).longValue() : -1;
        }

        private static String text(ObjectNode e, String f) {
            return e.has(f) ? e.get(f).textValue() : null;
        }

        @Override
        public String toString() {
            return TraceMutator.describe(json);
        }
    }

    final int N;
    final int F;
    final int K;
    final int L;
    final String nullDigest;
    final Set<Integer> byz;
    final List<Integer> honest;

    final Map<Integer, Long> view = new HashMap<>();
    final Map<Integer, Boolean> normal = new HashMap<>();
    final Map<Integer, Long> h = new HashMap<>();
    final Map<Integer, Long> lastExec = new HashMap<>();
    final Map<Integer, Long> reached = new HashMap<>();
    final Map<Integer, Set<Cert>> prepared = new HashMap<>();
    Set<PrePrepare> pp = new HashSet<>();
    Set<Vote> prep = new HashSet<>();
    Set<Vote> com = new HashSet<>();
    Set<Checkpoint> ckpt = new HashSet<>();
    Set<ViewChange> vcs = new HashSet<>();
    Set<NewView> nvs = new HashSet<>();
    /** Every PRE-PREPARE and CHECKPOINT ever logged, never collected: what the protocol's rules speak about. */
    final Set<PrePrepare> ppEver = new HashSet<>();
    final Set<Checkpoint> ckptEver = new HashSet<>();
    /** Every (n, d) an honest replica executed: Agreement says one d per n. */
    final Set<Cert> executedEver = new HashSet<>();

    TraceState(TraceHeader header) {
        N = header.n();
        F = header.f();
        K = header.checkpointInterval();
        L = header.watermarkWindow();
        nullDigest = header.nullDigest();
        byz = Set.copyOf(header.faulty());
        List<Integer> hs = new ArrayList<>();
        for (int r : header.replicas()) {
            if (!byz.contains(r)) {
                hs.add(r);
                view.put(r, 0L);
                normal.put(r, true);
                h.put(r, 0L);
                lastExec.put(r, 0L);
                reached.put(r, 0L);
                prepared.put(r, new HashSet<>());
            }
        }
        honest = List.copyOf(hs);
    }

    int primary(long v) {
        return (int) (v % N);
    }

    long gcHorizon() {
        return Collections.min(h.values());
    }

    long lowestView() {
        return Collections.min(view.values());
    }

    /** Quorum sizes as in FORMAT.md: n-f (2f+1), n-f-1 PREPAREs (2f) in a prepared certificate. */
    int quorum() {
        return N - F;
    }

    int prepareQuorum() {
        return N - F - 1;
    }

    static long maxH(Set<VEntry> V) {
        long m = 0;
        for (VEntry x : V) {
            m = Math.max(m, x.h());
        }
        return m;
    }

    /** Applies the effect of an event whose checks held. */
    void apply(Event e) {
        int r = e.r();
        switch (e.action()) {
            case "SendPrePrepare":
                pp.add(new PrePrepare(e.v(), e.n(), e.d()));
                ppEver.add(new PrePrepare(e.v(), e.n(), e.d()));
                break;
            case "SendPrepare":
                prep.add(new Vote(e.v(), e.n(), e.d(), r));
                break;
            case "SendCommit":
                prepared.get(r).add(new Cert(e.n(), e.v(), e.d()));
                com.add(new Vote(e.v(), e.n(), e.d(), r));
                break;
            case "Execute":
                executedEver.add(new Cert(e.n(), 0, e.d()));
                lastExec.put(r, e.n());
                reached.put(r, Math.max(reached.get(r), e.n()));
                break;
            case "SendCheckpoint":
                ckpt.add(new Checkpoint(e.n(), e.state(), r));
                ckptEver.add(new Checkpoint(e.n(), e.state(), r));
                break;
            case "CheckpointStable": {
                long old = gcHorizon();
                h.put(r, e.n());
                forget(r, e.n());
                collectAll(old);
                break;
            }
            case "SendViewChange": {
                long oldLowest = lowestView();
                view.put(r, e.v());
                normal.put(r, false);
                vcs.add(new ViewChange(e.v(), r, e.h(), e.P()));
                collectViews(oldLowest);
                break;
            }
            case "SendNewView": {
                long old = gcHorizon();
                long hr = Math.max(maxH(e.V()), h.get(r));
                h.put(r, hr);
                normal.put(r, true);
                forget(r, hr);
                for (OEntry o : e.O()) {
                    pp.add(new PrePrepare(e.v(), o.n(), o.d()));
                    ppEver.add(new PrePrepare(e.v(), o.n(), o.d()));
                }
                collectAll(old);
                nvs.add(new NewView(e.v(), e.V(), e.O()));
                break;
            }
            case "AcceptNewView": {
                long old = gcHorizon();
                long oldLowest = lowestView();
                long hr = Math.max(maxH(e.V()), h.get(r));
                view.put(r, e.v());
                normal.put(r, true);
                h.put(r, hr);
                forget(r, hr);
                for (OEntry o : e.O()) {
                    if (o.n() > hr) {
                        prep.add(new Vote(e.v(), o.n(), o.d(), r));
                    }
                }
                collectAll(old);
                collectViews(oldLowest);
                break;
            }
            case "StateTransfer": {
                long old = gcHorizon();
                long hr = Math.max(e.h(), h.get(r));
                lastExec.put(r, e.n());
                reached.put(r, Math.max(reached.get(r), e.n()));
                h.put(r, hr);
                forget(r, hr);
                collectAll(old);
                break;
            }
            case "Restart":
                lastExec.put(r, e.n());
                break;
            default:
                throw new IllegalArgumentException(e.action());
        }
    }

    private void forget(int r, long hr) {
        prepared.get(r).removeIf(c -> c.n() <= hr);
    }

    /** TracePBFT's Collect: once the horizon has moved, what lies at or below it goes. */
    private void collectAll(long oldHorizon) {
        long horizon = gcHorizon();
        if (horizon != oldHorizon) {
            pp.removeIf(x -> x.n() <= horizon);
            prep.removeIf(x -> x.n() <= horizon);
            com.removeIf(x -> x.n() <= horizon);
            ckpt.removeIf(x -> x.n() <= horizon);
        }
    }

    private void collectViews(long oldLowest) {
        long lowest = lowestView();
        if (lowest != oldLowest) {
            vcs.removeIf(x -> x.v() < lowest);
            nvs.removeIf(x -> x.v() < lowest);
        }
    }

    // ---- queries

    boolean prePrepareAvailable(long v, long n, String d) {
        return byz.contains(primary(v)) || pp.contains(new PrePrepare(v, n, d));
    }

    boolean prepareAvailable(long v, long n, String d, int q) {
        return byz.contains(q) || prep.contains(new Vote(v, n, d, q));
    }

    boolean commitAvailable(long v, long n, String d, int q) {
        return byz.contains(q) || com.contains(new Vote(v, n, d, q));
    }

    boolean checkpointAvailable(long n, String s, int q) {
        return byz.contains(q) || ckpt.contains(new Checkpoint(n, s, q));
    }

    /** r accepted the PRE-PREPARE for (v, n, d): the primary sent it, a backup sent its PREPARE. */
    boolean accepted(int r, long v, long n, String d) {
        return r == primary(v) ? pp.contains(new PrePrepare(v, n, d)) : prep.contains(new Vote(v, n, d, r));
    }

    <T> Set<T> select(Set<T> set, Predicate<T> p) {
        Set<T> out = new HashSet<>();
        for (T x : set) {
            if (p.test(x)) {
                out.add(x);
            }
        }
        return out;
    }
}
