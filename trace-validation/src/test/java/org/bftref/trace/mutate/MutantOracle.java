package org.bftref.trace.mutate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceLine;
import org.bftref.trace.mutate.TraceState.Cert;
import org.bftref.trace.mutate.TraceState.Checkpoint;
import org.bftref.trace.mutate.TraceState.Event;
import org.bftref.trace.mutate.TraceState.VEntry;
import org.bftref.trace.mutate.TraceState.ViewChange;

/**
 * Says, without asking TLC, what TracePBFT.tla must answer for a mutant of an accepted trace. It rests on two
 * arguments, neither of which evaluates the spec:
 *
 * <ol>
 *   <li><b>Same inputs, same answer.</b> An event of the mutant that is identical to an event of the accepted
 *       original, and whose checks read exactly the same part of the state as they did there ({@link #inputs}),
 *       passes again. This alone decides most events after a mutation: a dropped Execute that nothing later
 *       reads, two independent events swapped, a faulty primary's digest that nobody uses. The state is
 *       tracked by {@link TraceState}, the effects of the steps (no guards).</li>
 *   <li><b>The protocol's rules.</b> For an event whose inputs differ (the changed event itself, or a later event
 *       that read what the mutation changed), the oracle evaluates the rules of PBFT for that step (Castro and
 *       Liskov, OSDI 1999, and FORMAT.md), restated here independently, in the order and with the words of
 *       TracePBFT.tla's checks so that the first broken rule predicts the reason: that messages an honest replica
 *       claims to have used were sent (PRE-PREPARE, PREPAREs, COMMITs, CHECKPOINTs, VIEW-CHANGEs, NEW-VIEW),
 *       quorum sizes, the primary of a view, the replica's view and whether it entered it, the watermarks, the
 *       next sequence number to assign and to execute, no second PREPARE or COMMIT for (v, n), a checkpoint only
 *       at a multiple of K after executing exactly up to it, the P of a VIEW-CHANGE, a restart in the view the
 *       replica was in and not beyond what it executed, state transfer only to a state an honest replica
 *       reached.</li>
 * </ol>
 *
 * <p>What it does not restate, and so leaves "undecided" when an event's inputs differ there: the join rule of a
 * VIEW-CHANGE for a view more than one above the replica's (f+1 replicas asked for it), and the validity of a
 * faulty replica's VIEW-CHANGE inside a NEW-VIEW (its checkpoint proof and prepared certificates). The O of a
 * NEW-VIEW is a function of its V and O only, which no mutation touches, so that rule holds as in the original.
 * An undecided mutant still has bounds: it cannot be rejected before the first event the oracle could not
 * decide, and must be rejected at the latest where a rule is certainly broken.
 */
final class MutantOracle {

    enum Outcome { EXACT, LATER, LEGAL, UNDECIDED, SPEC_GAP }

    /**
     * What TLC must answer.
     *
     * @param outcome     EXACT (rejected at the mutant's first changed event), LATER (rejected at a later event
     *                    that depended on the change), LEGAL (accepted), UNDECIDED, or SPEC_GAP: event {@code at}
     *                    breaks a rule of the protocol that TracePBFT checks only above its garbage-collection
     *                    horizon, so TLC may let it pass (a known gap of the spec, reported, not hidden)
     * @param at          for EXACT and LATER the event; for UNDECIDED the earliest possible rejection
     * @param latest      for UNDECIDED, the latest possible rejection, or 0 when acceptance is possible
     * @param reason      the check that must fail (TracePBFT.tla's words), or null when not predicted
     * @param explanation the oracle's reasoning, in words
     */
    record Prediction(Outcome outcome, int at, int latest, String reason, String explanation) {
    }

    /**
     * PASS, FAIL, UNKNOWN (not restated); GAP: the protocol's rule is broken, but only by a message that
     * TracePBFT has already garbage-collected (below the lowest stable checkpoint), so the spec cannot see it.
     */
    private enum Tri { PASS, FAIL, UNKNOWN, GAP }

    private record Rule(String why, Tri result) {
    }

    /** The inputs of every event of the original, in the state the earlier events produced. */
    private final List<List<Object>> originalInputs = new ArrayList<>();
    private final Trace original;

    /**
     * Tracks the original and checks the oracle against it: none of its rules may be broken by an accepted trace
     * (a rule broken here would be one stricter than the spec, or a spec too lax; either way worth knowing).
     */
    MutantOracle(Trace original) {
        this.original = original;
        TraceState s = new TraceState(original.header());
        int k = 1;
        for (TraceLine line : original.events()) {
            Event e = Event.of(line.json());
            originalInputs.add(inputs(s, e));
            for (Rule rule : rules(s, e)) {
                if (rule.result() == Tri.FAIL || rule.result() == Tri.GAP) {
                    throw new IllegalStateException("the oracle's rule \"" + rule.why() + "\" rejects event " + k
                            + " (" + e + ") of the accepted trace " + original.files()
                            + (rule.result() == Tri.GAP ? ": the implementation broke a rule that TracePBFT checks only"
                            + " above its garbage-collection horizon" : ": the oracle's rule is stricter than the spec"));
                }
            }
            s.apply(e);
            k++;
        }
    }

    Prediction predict(TraceMutator.Mutant m) {
        Prediction p = evaluate(m);
        if (m.kind() != TraceMutator.Kind.RENAME_FRESH) {
            return p;
        }
        // Digests are opaque to every rule (only equality between them, and with the null request's digest,
        // matters), so renaming one everywhere to an unused name is the same behaviour: accepted, whatever the
        // rules above could or could not decide. That they never predict a rejection here checks the rules.
        if (p.outcome() != Outcome.LEGAL && p.outcome() != Outcome.UNDECIDED) {
            throw new IllegalStateException("the oracle's rules reject a renaming: " + m + ": " + p);
        }
        return new Prediction(Outcome.LEGAL, 0, 0, null, "digests are opaque: renaming one to an unused name"
                + " everywhere changes no rule's answer (the oracle's own rules: " + p.outcome() + ")");
    }

    private Prediction evaluate(TraceMutator.Mutant m) {
        TraceState s = new TraceState(m.trace().header());
        List<TraceLine> events = m.trace().events();
        int uncertainFrom = 0;
        List<String> readChanged = new ArrayList<>();
        for (int j = 1; j <= events.size(); j++) {
            Event e = Event.of(events.get(j - 1).json());
            int o = m.origin(j);
            if (o != 0 && inputs(s, e).equals(originalInputs.get(o - 1))) {
                s.apply(e);
                continue;
            }
            List<Rule> rules = rules(s, e);
            Rule fail = null;
            boolean unknownBefore = false;
            Rule unknown = null;
            Rule gap = null;
            for (Rule rule : rules) {
                if (rule.result() == Tri.FAIL) {
                    fail = rule;
                    break;
                }
                if (rule.result() == Tri.UNKNOWN || rule.result() == Tri.GAP) {
                    unknownBefore = true;
                }
                if (rule.result() == Tri.UNKNOWN && unknown == null) {
                    unknown = rule;
                }
                if (rule.result() == Tri.GAP && gap == null) {
                    gap = rule;
                }
            }
            String which = "event " + j + " (" + e + ")";
            if (fail != null) {
                if (uncertainFrom != 0) {
                    return new Prediction(Outcome.UNDECIDED, uncertainFrom, j, null,
                            "undecided from event " + uncertainFrom + "; at the latest " + which + " breaks \""
                                    + fail.why() + "\"");
                }
                Outcome outcome = j == m.index() ? Outcome.EXACT : Outcome.LATER;
                String reason = unknownBefore ? null : fail.why();
                String how = o == 0 ? "the changed event" : j == m.index() ? "the first changed position"
                        : "it read what the mutation changed";
                return new Prediction(outcome, j, j, reason, which + " breaks \"" + fail.why() + "\" (" + how + ")"
                        + (readChanged.isEmpty() ? "" : "; before it, " + String.join("; ", readChanged)));
            }
            if (gap != null && unknown == null && uncertainFrom == 0) {
                return new Prediction(Outcome.SPEC_GAP, j, 0, gap.why(), which + " breaks the protocol's rule \""
                        + gap.why() + "\", but only against messages TracePBFT has garbage-collected");
            }
            if (gap != null && unknown == null) {
                unknown = gap;
            }
            if (unknown != null) {
                if (uncertainFrom == 0) {
                    uncertainFrom = j;
                }
                readChanged.add(which + " cannot be decided (\"" + unknown.why() + "\")");
            } else {
                readChanged.add(which + (o == 0 ? " (the changed event) satisfies every rule of its action"
                        : " reads changed inputs but satisfies every rule of its action"));
            }
            s.apply(e);
        }
        if (uncertainFrom != 0) {
            return new Prediction(Outcome.UNDECIDED, uncertainFrom, 0, null,
                    "undecided from event " + uncertainFrom + ", accepted if it passes: " + String.join("; ", readChanged));
        }
        String why = readChanged.isEmpty()
                ? "no later event reads anything the mutation changed"
                : String.join("; ", readChanged) + "; every other event reads the same state as in the original";
        return new Prediction(Outcome.LEGAL, 0, 0, null, why);
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * Everything the checks of an event's action read from the state, following TracePBFT.tla: if these are
     * equal to those of the same event in the accepted original, the event passes again.
     */
    static List<Object> inputs(TraceState s, Event e) {
        int r = e.r();
        List<Object> in = new ArrayList<>();
        switch (e.action()) {
            case "SendPrePrepare":
                in.add(s.view.get(r));
                in.add(s.normal.get(r));
                in.add(s.h.get(r));
                in.add(s.lastExec.get(r));
                in.add(s.select(s.pp, x -> x.v() == e.v()));
                break;
            case "SendPrepare":
                in.add(s.view.get(r));
                in.add(s.normal.get(r));
                in.add(s.h.get(r));
                in.add(s.prePrepareAvailable(e.v(), e.n(), e.d()));
                in.add(s.select(s.prep, x -> x.r() == r && x.v() == e.v() && x.n() == e.n()));
                break;
            case "SendCommit":
                in.add(s.view.get(r));
                in.add(s.normal.get(r));
                in.add(s.h.get(r));
                in.add(s.accepted(r, e.v(), e.n(), e.d()));
                for (int q : e.votes()) {
                    in.add(s.prepareAvailable(e.v(), e.n(), e.d(), q));
                }
                in.add(s.select(s.com, x -> x.r() == r && x.v() == e.v() && x.n() == e.n()));
                break;
            case "Execute":
                in.add(s.lastExec.get(r));
                in.add(s.h.get(r));
                in.add(s.prepared.get(r).contains(new Cert(e.n(), e.v(), e.d())));
                for (int q : e.votes()) {
                    in.add(s.commitAvailable(e.v(), e.n(), e.d(), q));
                }
                break;
            case "SendCheckpoint":
                in.add(s.lastExec.get(r));
                in.add(s.select(s.ckpt, c -> c.n() == e.n()));
                break;
            case "CheckpointStable":
                in.add(s.h.get(r));
                for (int q : e.votes()) {
                    in.add(s.checkpointAvailable(e.n(), e.state(), q));
                }
                break;
            case "SendViewChange":
                in.add(s.view.get(r));
                in.add(s.h.get(r));
                in.add(s.select(s.vcs, x -> x.v() >= e.v()));
                in.add(s.select(s.prepared.get(r), c -> c.v() < e.v()));
                break;
            case "SendNewView":
                in.add(s.view.get(r));
                in.add(s.normal.get(r));
                newViewInputs(s, e, in);
                break;
            case "AcceptNewView":
                in.add(s.view.get(r));
                in.add(s.normal.get(r));
                if (s.byz.contains(s.primary(e.v()))) {
                    newViewInputs(s, e, in);
                } else {
                    in.add(s.nvs.contains(new TraceState.NewView(e.v(), e.V(), e.O())));
                }
                break;
            case "StateTransfer":
                in.add(s.lastExec.get(r));
                in.add(reachedByOther(s, r, e.n()));
                in.add(s.gcHorizon());
                in.add(s.select(s.ckpt, c -> c.n() == e.h()));
                break;
            case "Restart":
                in.add(s.view.get(r));
                in.add(s.lastExec.get(r));
                break;
            default:
                throw new IllegalArgumentException(e.action());
        }
        return in;
    }

    private static void newViewInputs(TraceState s, Event e, List<Object> in) {
        for (VEntry x : e.V()) {
            if (!s.byz.contains(x.r())) {
                in.add(s.vcs.contains(new ViewChange(e.v(), x.r(), x.h(), x.P())));
            } else {
                in.add(s.gcHorizon());
                in.add(s.select(s.ckpt, c -> c.n() == x.h()));
                for (Cert c : x.P()) {
                    in.add(s.prePrepareAvailable(c.v(), c.n(), c.d()));
                    in.add(s.select(s.prep, p -> p.v() == c.v() && p.n() == c.n() && p.d().equals(c.d())));
                }
            }
        }
    }

    private static boolean reachedByOther(TraceState s, int r, long n) {
        for (int q : s.honest) {
            if (q != r && s.reached.get(q) >= n) {
                return true;
            }
        }
        return false;
    }

    private static Rule rule(String why, boolean ok) {
        return new Rule(why, ok ? Tri.PASS : Tri.FAIL);
    }

    /** A rule whose spec check sees only what is not garbage-collected ({@code ok}), the protocol's everything. */
    private static Rule gapRule(String why, boolean ok, boolean okEver) {
        return new Rule(why, !ok ? Tri.FAIL : okEver ? Tri.PASS : Tri.GAP);
    }

    private static boolean inWindow(TraceState s, int r, long n) {
        return s.h.get(r) < n && n <= s.h.get(r) + s.L;
    }

    /**
     * PBFT's rules for one step, in the order of TracePBFT.tla's checks and with their words. Written from the
     * paper and FORMAT.md; UNKNOWN where the oracle does not restate a rule.
     */
    static List<Rule> rules(TraceState s, Event e) {
        int r = e.r();
        long v = e.v();
        long n = e.n();
        String d = e.d();
        List<Rule> out = new ArrayList<>();
        switch (e.action()) {
            case "SendPrePrepare": {
                // Sequence numbers are assigned one after the other, above the stable checkpoint and above what
                // the replica executed (after a view change, the NEW-VIEW's O counts as assigned).
                long next = Math.max(s.h.get(r), s.lastExec.get(r));
                boolean digestUsed = false;
                for (TraceState.PrePrepare x : s.pp) {
                    if (x.v() == v) {
                        next = Math.max(next, x.n());
                        digestUsed |= x.d().equals(d);
                    }
                }
                // The rule is about the whole view, not only what lies above the lowest stable checkpoint.
                boolean digestUsedEver = false;
                for (TraceState.PrePrepare x : s.ppEver) {
                    digestUsedEver |= x.v() == v && x.d().equals(d);
                }
                out.add(rule("the replica is not the primary of view v", r == s.primary(v)));
                out.add(rule("the replica is not in view v", s.view.get(r) == v));
                out.add(rule("the replica has not entered view v (no NEW-VIEW yet)", s.normal.get(r)));
                out.add(rule("n is not the next sequence number of view v", n == next + 1));
                out.add(rule("n is outside the watermarks", inWindow(s, r, n)));
                out.add(rule("d is the null request, which only a NEW-VIEW may propose", !d.equals(s.nullDigest)));
                out.add(gapRule("view v already has a PRE-PREPARE with digest d", !digestUsed, !digestUsedEver));
                break;
            }
            case "SendPrepare":
                out.add(rule("the replica is the primary of view v, not a backup", r != s.primary(v)));
                out.add(rule("the replica is not in view v", s.view.get(r) == v));
                out.add(rule("the replica has not entered view v (no NEW-VIEW yet)", s.normal.get(r)));
                out.add(rule("n is outside the watermarks", inWindow(s, r, n)));
                out.add(rule("d is the null request, which only a NEW-VIEW may propose", !d.equals(s.nullDigest)));
                out.add(rule("no PRE-PREPARE for (v, n, d) exists (the honest primary did not send one)",
                        s.prePrepareAvailable(v, n, d)));
                out.add(rule("the replica already sent a PREPARE for (v, n)",
                        s.select(s.prep, x -> x.r() == r && x.v() == v && x.n() == n).isEmpty()));
                break;
            case "SendCommit": {
                boolean allSent = true;
                for (int q : e.votes()) {
                    allSent &= s.prepareAvailable(v, n, d, q);
                }
                out.add(rule("the replica is not in view v", s.view.get(r) == v));
                out.add(rule("the replica has not entered view v (no NEW-VIEW yet)", s.normal.get(r)));
                out.add(rule("n is outside the watermarks", inWindow(s, r, n)));
                out.add(rule("the replica did not accept a PRE-PREPARE for (v, n, d)", s.accepted(r, v, n, d)));
                out.add(rule("fewer than 2f PREPAREs in the certificate (RULE prepare quorum)",
                        e.votes().size() >= s.prepareQuorum()));
                out.add(rule("the certificate counts a PREPARE from the primary of v", !e.votes().contains(s.primary(v))));
                out.add(rule("a PREPARE in the certificate was never sent", allSent));
                out.add(rule("the replica already sent a COMMIT for (v, n)",
                        s.select(s.com, x -> x.r() == r && x.v() == v && x.n() == n).isEmpty()));
                break;
            }
            case "Execute": {
                boolean allSent = true;
                for (int q : e.votes()) {
                    allSent &= s.commitAvailable(v, n, d, q);
                }
                out.add(rule("n is not the next sequence number to execute", n == s.lastExec.get(r) + 1));
                out.add(rule("n is at or below the replica's stable checkpoint", n > s.h.get(r)));
                out.add(rule("the replica does not hold a prepared certificate for (v, n, d)",
                        s.prepared.get(r).contains(new Cert(n, v, d))));
                out.add(rule("fewer than 2f+1 COMMITs for (v, n, d) (RULE commit quorum)", e.votes().size() >= s.quorum()));
                out.add(rule("a COMMIT counted for (v, n, d) was never sent", allSent));
                // Not a check of TracePBFT but the property its checks are there to imply (Agreement): no two
                // honest executions of n with different batches. If the rules above pass and this fails, the
                // spec accepted an unsafe trace.
                boolean agrees = true;
                for (Cert x : s.executedEver) {
                    agrees &= x.n() != n || x.d().equals(d);
                }
                out.add(new Rule("another honest replica executed a different batch at n (Agreement)",
                        agrees ? Tri.PASS : Tri.GAP));
                break;
            }
            case "SendCheckpoint":
                out.add(rule("n is not a multiple of the checkpoint interval", n % s.K == 0));
                out.add(rule("the replica has not executed exactly up to n", s.lastExec.get(r) == n));
                // Honest replicas that executed up to n have one state, whether or not their CHECKPOINTs for n
                // have been collected since (a replica that adopted the state by state transfer logs its
                // CHECKPOINT at n after the others' were collected).
                out.add(gapRule("another honest replica has a different state at n",
                        s.select(s.ckpt, c -> c.n() == n && !c.s().equals(e.state())).isEmpty(),
                        s.select(s.ckptEver, c -> c.n() == n && !c.s().equals(e.state())).isEmpty()));
                break;
            case "CheckpointStable": {
                boolean allSent = true;
                for (int q : e.votes()) {
                    allSent &= s.checkpointAvailable(n, e.state(), q);
                }
                out.add(rule("n is not above the replica's stable checkpoint", n > s.h.get(r)));
                out.add(rule("fewer than 2f+1 CHECKPOINTs in the proof", e.votes().size() >= s.quorum()));
                out.add(rule("a CHECKPOINT in the proof was never sent", allSent));
                break;
            }
            case "SendViewChange": {
                // P: of the certificates r holds above its stable checkpoint, per sequence number the one of the
                // highest view below v (section 4.4).
                Set<Cert> below = s.select(s.prepared.get(r), c -> c.v() < v);
                Set<Cert> P = new java.util.HashSet<>();
                for (Cert c : below) {
                    boolean higher = false;
                    for (Cert c2 : below) {
                        higher |= c2.n() == c.n() && c2.v() > c.v();
                    }
                    if (!higher) {
                        P.add(c);
                    }
                }
                out.add(rule("v is not above the replica's view", v > s.view.get(r)));
                out.add(v == s.view.get(r) + 1
                        ? rule("v is neither the next view nor one that f+1 replicas asked for", true)
                        : new Rule("v is neither the next view nor one that f+1 replicas asked for", Tri.UNKNOWN));
                out.add(rule("h is not the replica's stable checkpoint", e.h() == s.h.get(r)));
                out.add(rule("P is not the replica's highest prepared certificates above h", e.P().equals(P)));
                break;
            }
            case "SendNewView":
                out.add(rule("the replica is not the primary of view v", r == s.primary(v)));
                out.add(rule("the replica is not in view v waiting for its NEW-VIEW", s.view.get(r) == v && !s.normal.get(r)));
                newViewRules(s, e, out);
                break;
            case "AcceptNewView":
                out.add(rule("the replica is the primary of view v, not a backup", r != s.primary(v)));
                out.add(rule("the replica is in a view above v, or has entered v already",
                        s.view.get(r) < v || (s.view.get(r) == v && !s.normal.get(r))));
                out.add(rule("the honest primary of v did not send this NEW-VIEW", s.byz.contains(s.primary(v))
                        || s.nvs.contains(new TraceState.NewView(v, e.V(), e.O()))));
                if (s.byz.contains(s.primary(v))) {
                    newViewRules(s, e, out);
                }
                break;
            case "StateTransfer": {
                out.add(rule("n is not above what the replica executed", n > s.lastExec.get(r)));
                out.add(rule("no honest replica has reached n, so f+1 matching offers cannot exist", reachedByOther(s, r, n)));
                out.add(rule("the checkpoint proof h is above n", e.h() <= n));
                out.add(rule("the checkpoint at h is not proven by 2f+1 CHECKPOINTs", stableProven(s, e.h())));
                break;
            }
            case "Restart":
                out.add(rule("the replica came back in another view than it was in (it forgot what it signed)", s.view.get(r) == v));
                out.add(rule("the replica came back with a state beyond what it executed", n <= s.lastExec.get(r)));
                break;
            default:
                throw new IllegalArgumentException(e.action());
        }
        return out;
    }

    private static void newViewRules(TraceState s, Event e, List<Rule> out) {
        Set<Integer> senders = new TreeSet<>();
        boolean honestSent = true;
        boolean faultyIn = false;
        for (VEntry x : e.V()) {
            senders.add(x.r());
            if (s.byz.contains(x.r())) {
                faultyIn = true;
            } else {
                honestSent &= s.vcs.contains(new ViewChange(e.v(), x.r(), x.h(), x.P()));
            }
        }
        out.add(rule("V does not hold VIEW-CHANGEs from 2f+1 distinct replicas",
                senders.size() == e.V().size() && e.V().size() >= s.quorum()));
        out.add(rule("V holds a VIEW-CHANGE that its honest sender did not send", honestSent));
        out.add(faultyIn
                ? new Rule("V holds a faulty replica's VIEW-CHANGE with an unproven checkpoint or an invalid certificate", Tri.UNKNOWN)
                : rule("V holds a faulty replica's VIEW-CHANGE with an unproven checkpoint or an invalid certificate", true));
        // No mutation changes V or O, and the original's were accepted: O is what V yields.
        out.add(rule("O is not what V yields (RULE new-view O)", true));
    }

    /** A stable checkpoint at h is proven by 2f+1 matching CHECKPOINTs (faulty replicas sign any), or is below all. */
    private static boolean stableProven(TraceState s, long h) {
        if (h == 0 || h <= s.gcHorizon()) {
            return true;
        }
        for (Checkpoint c : s.ckpt) {
            if (c.n() == h) {
                int count = s.select(s.ckpt, x -> x.n() == h && x.s().equals(c.s())).size() + s.byz.size();
                if (count >= s.quorum()) {
                    return true;
                }
            }
        }
        return false;
    }
}
