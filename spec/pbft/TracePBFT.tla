----------------------------- MODULE TracePBFT -----------------------------
(***************************************************************************)
(* Trace validation for PBFT: does a log of protocol steps, written by an  *)
(* implementation, describe a behaviour that the protocol allows?          *)
(*                                                                         *)
(* The trace (format: trace-validation/FORMAT.md) holds one event per step *)
(* of an honest replica, each naming the action it claims to be and its    *)
(* parameters.  A cursor i walks the events; each step must satisfy the    *)
(* named action with the logged parameters, in the state the earlier       *)
(* events produced.  The variables are what honest replicas have done      *)
(* (views, certificates held, what they executed) and the messages they    *)
(* sent.  Faulty replicas do not log: as in PBFT.tla, whatever they could  *)
(* sign counts as sent wherever a rule asks for a message to exist.        *)
(*                                                                         *)
(* The actions are those of PBFT.tla, with the same names and the same     *)
(* rules (quorum sizes, certificate validity, the O of a NEW-VIEW), at the *)
(* level of detail an implementation has: sequence numbers and views are   *)
(* unbounded, digests are strings, and it adds what PBFT.tla abstracts     *)
(* away, namely execution (Execute), checkpoints and garbage collection    *)
(* (SendCheckpoint, CheckpointStable), watermarks, state transfer and      *)
(* restart from persistent storage.                                        *)
(*                                                                         *)
(* How TLC decides, with only what TLC2 2.18 has (no POSTCONDITION, no     *)
(* Json module): every action's guard is a list of named checks; when all  *)
(* hold, the step is taken and the cursor moves on; when one fails, the    *)
(* spec reports "rejected" with the first failing check and the last state *)
(* that matched, and the state has no successor.  Reaching the end reports *)
(* "accepted".  Reports go through TraceReport (TraceInput.tla), which the *)
(* validator's Java override turns into a verdict file.                    *)
(*                                                                         *)
(* Why the search is a line.  Everything a step could choose is in its     *)
(* event (the PREPAREs of a certificate, the V and O of a NEW-VIEW, ...),  *)
(* so the next state is a function of the state and the event: each state  *)
(* has at most one successor.  TraceView (the VIEW in TracePBFT.cfg) is    *)
(* therefore the cursor alone, which spares TLC fingerprinting the whole   *)
(* state.  It could only ever cost a false rejection, never a false        *)
(* acceptance: every state TLC explores was reached by steps that matched. *)
(*                                                                         *)
(* Several independent traces can be checked in one run: the variable t    *)
(* says which one a behaviour follows (Init picks each), and the header    *)
(* constants below are those of trace t.                                   *)
(*                                                                         *)
(* Memory stays bounded as the trace grows: below the lowest stable        *)
(* checkpoint of all honest replicas (GcHorizon) messages are dropped, as  *)
(* replicas drop their logs, and messages of views every honest replica    *)
(* has left are dropped too.  The events themselves come one at a time,    *)
(* through TraceEvent(t, i) (TraceInput.tla): the validator's override     *)
(* reads event i from a file when TLC asks for it.                         *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TraceInput

VARIABLES
    t,         \* which of the Traces this behaviour follows
    i,         \* the cursor: the event of trace t to match next (TraceLength(t) + 1 at the end)
    view,      \* view[r]: the view honest replica r is in
    normal,    \* normal[r]: r has entered view[r] (FALSE while it waits for the NEW-VIEW)
    h,         \* h[r]: r's stable checkpoint, its low watermark
    lastExec,  \* lastExec[r]: the last sequence number r executed (or adopted a state for)
    reached,   \* reached[r]: the highest lastExec[r] ever was (a restart lowers lastExec)
    prepared,  \* prepared[r]: the certificates [n, v, d] r holds above h[r] (those it committed on)
    pp,        \* PRE-PREPAREs of honest primaries, normal case and NEW-VIEW: [v, n, d]
    prep,      \* PREPAREs of honest backups: [v, n, d, r]
    com,       \* COMMITs of honest replicas: [v, n, d, r]
    ckpt,      \* CHECKPOINTs of honest replicas: [n, s, r] (s: the state digest)
    vcs,       \* VIEW-CHANGEs of honest replicas: [v, r, h, P]
    nvs        \* NEW-VIEWs of honest primaries: [v, V, O]

vars == <<t, i, view, normal, h, lastExec, reached, prepared, pp, prep, com, ckpt, vcs, nvs>>

Header     == TraceHeader(t)
N          == Header.n
F          == Header.f
Byz        == Header.faulty
K          == Header.checkpointInterval
L          == Header.watermarkWindow
NullDigest == Header.nullDigest

Replicas == 0 .. N - 1
Honest   == Replicas \ Byz

(* The quorum sizes of ByzQuorums.tla and PBFT.tla: N - F replicas (2F+1  *)
(* when N = 3F+1); a certificate is the PRE-PREPARE and N - F - 1 PREPAREs *)
(* (RULE prepare quorum); F+1 replicas include an honest one.             *)
QuorumSize      == N - F
PrepareQuorum   == QuorumSize - 1
WeakQuorumSize  == F + 1

Primary(v) == v % N

Max(S) == IF S = {} THEN 0 ELSE CHOOSE x \in S : \A y \in S : y <= x
Min(S) == CHOOSE x \in S : \A y \in S : x <= y

TraceView == <<t, i>>

Init ==
    /\ t \in 1 .. TraceCount
    /\ i = 1
    /\ view = [r \in Honest |-> 0]
    /\ normal = [r \in Honest |-> TRUE]
    /\ h = [r \in Honest |-> 0]
    /\ lastExec = [r \in Honest |-> 0]
    /\ reached = [r \in Honest |-> 0]
    /\ prepared = [r \in Honest |-> {}]
    /\ pp = {} /\ prep = {} /\ com = {} /\ ckpt = {} /\ vcs = {} /\ nvs = {}

-----------------------------------------------------------------------------
(***************************************************************************)
(* What exists: honest messages that were logged, and whatever a faulty    *)
(* replica can sign.  Below GcHorizon nothing is kept, and nothing there   *)
(* needs checking: every honest replica has a stable checkpoint at or      *)
(* above it and ignores those sequence numbers.                            *)
(***************************************************************************)
GcHorizon == Min({h[r] : r \in Honest})
LowestView == Min({view[r] : r \in Honest})

PrePrepareAvailable(v, n, d) ==
    Primary(v) \in Byz \/ [v |-> v, n |-> n, d |-> d] \in pp

PrepareAvailable(v, n, d, q) ==
    q \in Byz \/ [v |-> v, n |-> n, d |-> d, r |-> q] \in prep

CommitAvailable(v, n, d, q) ==
    q \in Byz \/ [v |-> v, n |-> n, d |-> d, r |-> q] \in com

CheckpointAvailable(n, s, q) ==
    q \in Byz \/ [n |-> n, s |-> s, r |-> q] \in ckpt

(* PrepareCount and ValidCert of PBFT.tla: the backups of v whose PREPARE *)
(* for (v, n, d) exists, faulty backups counting for every digest.         *)
PrepareCount(v, n, d) ==
    Cardinality({q \in Honest \ {Primary(v)} : [v |-> v, n |-> n, d |-> d, r |-> q] \in prep})
      + Cardinality(Byz \ {Primary(v)})

ValidCert(v, n, d) ==
    PrePrepareAvailable(v, n, d) /\ PrepareCount(v, n, d) >= PrepareQuorum

(* A checkpoint at n is stable somewhere only if 2F+1 (QuorumSize)         *)
(* matching CHECKPOINTs for it exist; 0 is the initial state.              *)
StableProven(n) ==
    \/ n = 0
    \/ n <= GcHorizon
    \/ \E s \in {c.s : c \in {c \in ckpt : c.n = n}} :
          Cardinality({c \in ckpt : c.n = n /\ c.s = s}) + Cardinality(Byz) >= QuorumSize

InWindow(r, n) == h[r] < n /\ n <= h[r] + L

(* r accepted the PRE-PREPARE for (v, n, d): as primary it sent it (or    *)
(* its NEW-VIEW's O holds it), as a backup it sent the matching PREPARE.   *)
Accepted(r, v, n, d) ==
    IF r = Primary(v) THEN [v |-> v, n |-> n, d |-> d] \in pp
                      ELSE [v |-> v, n |-> n, d |-> d, r |-> r] \in prep

(* The next sequence number the primary of v assigns: one above every one *)
(* used in v, and above its stable checkpoint and what it executed.        *)
NextSeq(r, v) ==
    1 + Max({h[r], lastExec[r]} \cup {x.n : x \in {x \in pp : x.v = v}})

-----------------------------------------------------------------------------
(***************************************************************************)
(* View change.  P, V and O as in PBFT.tla, with a stable checkpoint h in  *)
(* every VIEW-CHANGE: certificates and O entries lie above it.             *)
(***************************************************************************)

(* The P of honest r's VIEW-CHANGE for v: of the certificates it holds     *)
(* above its stable checkpoint, for each sequence number the one of the    *)
(* highest view below v (PBFT.tla's ViewChangeCerts).                      *)
ViewChangeCerts(r, v) ==
    LET S == {c \in prepared[r] : c.v < v}
    IN  {c \in S : ~\E c2 \in S : c2.n = c.n /\ c2.v > c.v}

(* Section 4.5.2's join rule: F+1 replicas asked for views above r's, the  *)
(* smallest of them v.  Honest askers are those that logged a VIEW-CHANGE  *)
(* for v or above; a faulty replica may ask for any view.                  *)
JoinAllowed(r, v) ==
    LET askers == {q \in Honest \ {r} : \E x \in vcs : x.r = q /\ x.v >= v}
    IN  /\ Cardinality(askers) + Cardinality(Byz) >= WeakQuorumSize
        /\ Byz # {} \/ \E x \in vcs : x.v = v /\ x.r # r

(* A faulty replica's VIEW-CHANGE for v, as a receiver checks it: its      *)
(* checkpoint is proven, and its certificates are valid (PBFT.tla's        *)
(* ByzCertSets), one per sequence number, inside its window.               *)
FaultyViewChangeValid(v, x) ==
    /\ StableProven(x.h)
    /\ \A c \in x.P : /\ c.v < v
                      /\ x.h < c.n /\ c.n <= x.h + L
                      /\ c.n <= GcHorizon \/ ValidCert(c.v, c.n, c.d)
    /\ \A c1, c2 \in x.P : c1.n = c2.n => c1 = c2

HonestViewChangeSent(v, x) ==
    [v |-> v, r |-> x.r, h |-> x.h, P |-> x.P] \in vcs

VFromDistinctQuorum(V) ==
    Cardinality({x.r : x \in V}) = Cardinality(V) /\ Cardinality(V) >= QuorumSize

MaxH(V) == Max({x.h : x \in V})

(* RULE new-view O (PBFT.tla's NewViewOs, section 4.4), above the highest  *)
(* stable checkpoint in V: for every sequence number up to the highest in  *)
(* any certificate of V, the digest of a certificate of the highest view,  *)
(* or the null request if there is none.                                   *)
NewViewO(V, O) ==
    LET minS  == MaxH(V)
        certs == {c \in UNION {x.P : x \in V} : c.n > minS}
        maxS  == Max({minS} \cup {c.n : c \in certs})
        atN(n) == {c \in certs : c.n = n}
        choices(n) == IF atN(n) = {} THEN {NullDigest}
                      ELSE {c.d : c \in {c \in atN(n) : \A c2 \in atN(n) : c2.v <= c.v}}
    IN  /\ {o.n : o \in O} = minS + 1 .. maxS
        /\ Cardinality(O) = maxS - minS
        /\ \A o \in O : o.d \in choices(o.n)

-----------------------------------------------------------------------------
(***************************************************************************)
(* The checks of each action, in order, each with the reason a rejection  *)
(* gives.  An action's guard is that all of them hold.  The replica of an  *)
(* event is honest (the validator checks that before TLC runs).            *)
(***************************************************************************)
Check(why, ok) == [why |-> why, ok |-> ok]

(* Section 4.2: the primary of v assigns n to a batch of requests. *)
SendPrePrepareChecks(e) == LET r == e.replica IN <<
    Check("the replica is not the primary of view v", r = Primary(e.v)),
    Check("the replica is not in view v", view[r] = e.v),
    Check("the replica has not entered view v (no NEW-VIEW yet)", normal[r]),
    Check("n is not the next sequence number of view v", e.n = NextSeq(r, e.v)),
    Check("n is outside the watermarks", InWindow(r, e.n)),
    Check("d is the null request, which only a NEW-VIEW may propose", e.d # NullDigest),
    Check("view v already has a PRE-PREPARE with digest d", ~\E x \in pp : x.v = e.v /\ x.d = e.d) >>

(* Section 4.2: a backup accepts the PRE-PREPARE for (v, n, d). *)
SendPrepareChecks(e) == LET r == e.replica IN <<
    Check("the replica is the primary of view v, not a backup", r # Primary(e.v)),
    Check("the replica is not in view v", view[r] = e.v),
    Check("the replica has not entered view v (no NEW-VIEW yet)", normal[r]),
    Check("n is outside the watermarks", InWindow(r, e.n)),
    Check("d is the null request, which only a NEW-VIEW may propose", e.d # NullDigest),
    Check("no PRE-PREPARE for (v, n, d) exists (the honest primary did not send one)", PrePrepareAvailable(e.v, e.n, e.d)),
    Check("the replica already sent a PREPARE for (v, n)", ~\E x \in prep : x.r = r /\ x.v = e.v /\ x.n = e.n) >>

(* Section 4.2: prepared, so the replica sends COMMIT. *)
SendCommitChecks(e) == LET r == e.replica IN <<
    Check("the replica is not in view v", view[r] = e.v),
    Check("the replica has not entered view v (no NEW-VIEW yet)", normal[r]),
    Check("n is outside the watermarks", InWindow(r, e.n)),
    Check("the replica did not accept a PRE-PREPARE for (v, n, d)", Accepted(r, e.v, e.n, e.d)),
    Check("fewer than 2f PREPAREs in the certificate (RULE prepare quorum)", Cardinality(e.prepares) >= PrepareQuorum),
    Check("the certificate counts a PREPARE from the primary of v", Primary(e.v) \notin e.prepares),
    Check("a PREPARE in the certificate was never sent", \A q \in e.prepares : PrepareAvailable(e.v, e.n, e.d, q)),
    Check("the replica already sent a COMMIT for (v, n)", ~\E x \in com : x.r = r /\ x.v = e.v /\ x.n = e.n) >>

(* Section 4.2: committed-local, executed in sequence-number order. *)
ExecuteChecks(e) == LET r == e.replica IN <<
    Check("n is not the next sequence number to execute", e.n = lastExec[r] + 1),
    Check("n is at or below the replica's stable checkpoint", e.n > h[r]),
    Check("the replica does not hold a prepared certificate for (v, n, d)", [n |-> e.n, v |-> e.v, d |-> e.d] \in prepared[r]),
    Check("fewer than 2f+1 COMMITs for (v, n, d) (RULE commit quorum)", Cardinality(e.commits) >= QuorumSize),
    Check("a COMMIT counted for (v, n, d) was never sent", \A q \in e.commits : CommitAvailable(e.v, e.n, e.d, q)) >>

(* Section 4.3: a checkpoint after executing a multiple of K. *)
SendCheckpointChecks(e) == LET r == e.replica IN <<
    Check("n is not a multiple of the checkpoint interval", e.n % K = 0),
    Check("the replica has not executed exactly up to n", lastExec[r] = e.n),
    Check("another honest replica has a different state at n", ~\E c \in ckpt : c.n = e.n /\ c.s # e.state) >>

(* Section 4.3: 2f+1 matching CHECKPOINTs make a checkpoint stable. *)
CheckpointStableChecks(e) == LET r == e.replica IN <<
    Check("n is not above the replica's stable checkpoint", e.n > h[r]),
    Check("fewer than 2f+1 CHECKPOINTs in the proof", Cardinality(e.proof) >= QuorumSize),
    Check("a CHECKPOINT in the proof was never sent", \A q \in e.proof : CheckpointAvailable(e.n, e.state, q)) >>

(* Section 4.4: the replica moves to view v and sends VIEW-CHANGE. *)
SendViewChangeChecks(e) == LET r == e.replica IN <<
    Check("v is not above the replica's view", e.v > view[r]),
    Check("v is neither the next view nor one that f+1 replicas asked for", e.v = view[r] + 1 \/ JoinAllowed(r, e.v)),
    Check("h is not the replica's stable checkpoint", e.h = h[r]),
    Check("P is not the replica's highest prepared certificates above h", e.P = ViewChangeCerts(r, e.v)) >>

(* Checks shared by SendNewView and AcceptNewView (from a faulty primary). *)
NewViewChecks(e) == <<
    Check("V does not hold VIEW-CHANGEs from 2f+1 distinct replicas", VFromDistinctQuorum(e.V)),
    Check("V holds a VIEW-CHANGE that its honest sender did not send", \A x \in e.V : x.r \in Byz \/ HonestViewChangeSent(e.v, x)),
    Check("V holds a faulty replica's VIEW-CHANGE with an unproven checkpoint or an invalid certificate",
          \A x \in e.V : x.r \in Honest \/ FaultyViewChangeValid(e.v, x)),
    Check("O is not what V yields (RULE new-view O)", NewViewO(e.V, e.O)) >>

(* Section 4.4: the primary of v sends NEW-VIEW and enters v. *)
SendNewViewChecks(e) == LET r == e.replica IN <<
    Check("the replica is not the primary of view v", r = Primary(e.v)),
    Check("the replica is not in view v waiting for its NEW-VIEW", view[r] = e.v /\ ~normal[r]) >> \o NewViewChecks(e)

(* Section 4.4: a backup accepts the NEW-VIEW for v.  From an honest       *)
(* primary it must be the one that primary sent; from a faulty one, any    *)
(* NEW-VIEW the backup can check (RULE recompute O).                       *)
AcceptNewViewChecks(e) == LET r == e.replica IN <<
    Check("the replica is the primary of view v, not a backup", r # Primary(e.v)),
    Check("the replica is in a view above v, or has entered v already",
          view[r] < e.v \/ (view[r] = e.v /\ ~normal[r])),
    Check("the honest primary of v did not send this NEW-VIEW",
          Primary(e.v) \in Byz \/ [v |-> e.v, V |-> e.V, O |-> e.O] \in nvs) >>
    \o (IF Primary(e.v) \in Byz THEN NewViewChecks(e) ELSE << >>)

(* Castro's thesis, state transfer: f+1 replicas offered the same state.   *)
StateTransferChecks(e) == LET r == e.replica IN <<
    Check("n is not above what the replica executed", e.n > lastExec[r]),
    Check("no honest replica has reached n, so f+1 matching offers cannot exist",
          \E q \in Honest \ {r} : reached[q] >= e.n),
    Check("the checkpoint proof h is above n", e.h <= e.n),
    Check("the checkpoint at h is not proven by 2f+1 CHECKPOINTs", StableProven(e.h)) >>

(* Restart from persistent storage: the replica comes back in its view,    *)
(* with a state it had (what it executed after that, it executes again).   *)
RestartChecks(e) == LET r == e.replica IN <<
    Check("the replica came back in another view than it was in (it forgot what it signed)", e.v = view[r]),
    Check("the replica came back with a state beyond what it executed", e.n <= lastExec[r]) >>

Actions == {"SendPrePrepare", "SendPrepare", "SendCommit", "Execute", "SendCheckpoint", "CheckpointStable",
            "SendViewChange", "SendNewView", "AcceptNewView", "StateTransfer", "Restart"}

Checks(e) ==
    CASE e.action = "SendPrePrepare"   -> SendPrePrepareChecks(e)
      [] e.action = "SendPrepare"      -> SendPrepareChecks(e)
      [] e.action = "SendCommit"       -> SendCommitChecks(e)
      [] e.action = "Execute"          -> ExecuteChecks(e)
      [] e.action = "SendCheckpoint"   -> SendCheckpointChecks(e)
      [] e.action = "CheckpointStable" -> CheckpointStableChecks(e)
      [] e.action = "SendViewChange"   -> SendViewChangeChecks(e)
      [] e.action = "SendNewView"      -> SendNewViewChecks(e)
      [] e.action = "AcceptNewView"    -> AcceptNewViewChecks(e)
      [] e.action = "StateTransfer"    -> StateTransferChecks(e)
      [] e.action = "Restart"          -> RestartChecks(e)

(* The reason of the first check that fails, or "" if all hold. *)
FirstFailure(checks) ==
    LET failing == {k \in 1 .. Len(checks) : ~checks[k].ok}
    IN  IF failing = {} THEN "" ELSE checks[Min(failing)].why

-----------------------------------------------------------------------------
(***************************************************************************)
(* The effects of each action, taken when its checks hold.  Actions that   *)
(* move a stable checkpoint or a view also collect garbage.                *)
(***************************************************************************)

(* Drops what lies at or below the new horizon, once it has moved.  The   *)
(* CHECKPOINTs at the horizon itself stay: a replica that reaches it by    *)
(* state transfer still logs its CHECKPOINT there, which must agree with   *)
(* theirs (found by the trace mutation tests).                             *)
Collect(S, horizon) == IF horizon = GcHorizon THEN S ELSE {x \in S : x.n > horizon}
CollectCheckpoints(S, horizon) == IF horizon = GcHorizon THEN S ELSE {x \in S : x.n >= horizon}

(* The number-indexed sets after the stable checkpoints become hs, the    *)
(* step having sent the PRE-PREPAREs ppNew and the PREPAREs prepNew.       *)
CollectAll(hs, ppNew, prepNew) ==
    LET horizon == Min({hs[r] : r \in Honest})
    IN  /\ pp' = Collect(ppNew, horizon)
        /\ prep' = Collect(prepNew, horizon)
        /\ com' = Collect(com, horizon)
        /\ ckpt' = CollectCheckpoints(ckpt, horizon)

(* The view-indexed sets after the views become vs. *)
CollectViews(vs, vcsNew, nvsNew) ==
    LET lowest == Min({vs[r] : r \in Honest})
    IN  /\ vcs' = IF lowest = LowestView THEN vcsNew ELSE {x \in vcsNew : x.v >= lowest}
        /\ nvs' = IF lowest = LowestView THEN nvsNew ELSE {x \in nvsNew : x.v >= lowest}

Forget(r, hr) == [prepared EXCEPT ![r] = {c \in @ : c.n > hr}]

SendPrePrepare(e) ==
    /\ pp' = pp \cup {[v |-> e.v, n |-> e.n, d |-> e.d]}
    /\ UNCHANGED <<view, normal, h, lastExec, reached, prepared, prep, com, ckpt, vcs, nvs>>

SendPrepare(e) ==
    /\ prep' = prep \cup {[v |-> e.v, n |-> e.n, d |-> e.d, r |-> e.replica]}
    /\ UNCHANGED <<view, normal, h, lastExec, reached, prepared, pp, com, ckpt, vcs, nvs>>

SendCommit(e) ==
    /\ prepared' = [prepared EXCEPT ![e.replica] = @ \cup {[n |-> e.n, v |-> e.v, d |-> e.d]}]
    /\ com' = com \cup {[v |-> e.v, n |-> e.n, d |-> e.d, r |-> e.replica]}
    /\ UNCHANGED <<view, normal, h, lastExec, reached, pp, prep, ckpt, vcs, nvs>>

Execute(e) ==
    /\ lastExec' = [lastExec EXCEPT ![e.replica] = e.n]
    /\ reached' = [reached EXCEPT ![e.replica] = IF e.n > @ THEN e.n ELSE @]
    /\ UNCHANGED <<view, normal, h, prepared, pp, prep, com, ckpt, vcs, nvs>>

SendCheckpoint(e) ==
    /\ ckpt' = ckpt \cup {[n |-> e.n, s |-> e.state, r |-> e.replica]}
    /\ UNCHANGED <<view, normal, h, lastExec, reached, prepared, pp, prep, com, vcs, nvs>>

CheckpointStable(e) ==
    LET hs == [h EXCEPT ![e.replica] = e.n]
    IN  /\ h' = hs
        /\ prepared' = Forget(e.replica, e.n)
        /\ CollectAll(hs, pp, prep)
        /\ UNCHANGED <<view, normal, lastExec, reached, vcs, nvs>>

SendViewChange(e) ==
    LET vs == [view EXCEPT ![e.replica] = e.v]
    IN  /\ view' = vs
        /\ normal' = [normal EXCEPT ![e.replica] = FALSE]
        /\ CollectViews(vs, vcs \cup {[v |-> e.v, r |-> e.replica, h |-> e.h, P |-> e.P]}, nvs)
        /\ UNCHANGED <<h, lastExec, reached, prepared, pp, prep, com, ckpt>>

(* Entering view v moves the stable checkpoint to the highest in V. *)
EnterView(r, v, V) ==
    LET hr == IF MaxH(V) > h[r] THEN MaxH(V) ELSE h[r]
    IN  [hr |-> hr, hs |-> [h EXCEPT ![r] = hr]]

SendNewView(e) ==
    LET ev == EnterView(e.replica, e.v, e.V)
    IN  /\ h' = ev.hs
        /\ normal' = [normal EXCEPT ![e.replica] = TRUE]
        /\ prepared' = Forget(e.replica, ev.hr)
        /\ CollectAll(ev.hs, pp \cup {[v |-> e.v, n |-> o.n, d |-> o.d] : o \in e.O}, prep)
        /\ nvs' = nvs \cup {[v |-> e.v, V |-> e.V, O |-> e.O]}
        /\ UNCHANGED <<view, lastExec, reached, vcs>>

AcceptNewView(e) ==
    LET ev == EnterView(e.replica, e.v, e.V)
        vs == [view EXCEPT ![e.replica] = e.v]
    IN  /\ view' = vs
        /\ normal' = [normal EXCEPT ![e.replica] = TRUE]
        /\ h' = ev.hs
        /\ prepared' = Forget(e.replica, ev.hr)
        /\ CollectAll(ev.hs, pp,
                      prep \cup {[v |-> e.v, n |-> o.n, d |-> o.d, r |-> e.replica] : o \in {o \in e.O : o.n > ev.hr}})
        /\ CollectViews(vs, vcs, nvs)
        /\ UNCHANGED <<lastExec, reached>>

StateTransfer(e) ==
    LET hr == IF e.h > h[e.replica] THEN e.h ELSE h[e.replica]
        hs == [h EXCEPT ![e.replica] = hr]
    IN  /\ lastExec' = [lastExec EXCEPT ![e.replica] = e.n]
        /\ reached' = [reached EXCEPT ![e.replica] = IF e.n > @ THEN e.n ELSE @]
        /\ h' = hs
        /\ prepared' = Forget(e.replica, hr)
        /\ CollectAll(hs, pp, prep)
        /\ UNCHANGED <<view, normal, vcs, nvs>>

Restart(e) ==
    /\ lastExec' = [lastExec EXCEPT ![e.replica] = e.n]
    /\ UNCHANGED <<view, normal, h, reached, prepared, pp, prep, com, ckpt, vcs, nvs>>

Apply(e) ==
    CASE e.action = "SendPrePrepare"   -> SendPrePrepare(e)
      [] e.action = "SendPrepare"      -> SendPrepare(e)
      [] e.action = "SendCommit"       -> SendCommit(e)
      [] e.action = "Execute"          -> Execute(e)
      [] e.action = "SendCheckpoint"   -> SendCheckpoint(e)
      [] e.action = "CheckpointStable" -> CheckpointStable(e)
      [] e.action = "SendViewChange"   -> SendViewChange(e)
      [] e.action = "SendNewView"      -> SendNewView(e)
      [] e.action = "AcceptNewView"    -> AcceptNewView(e)
      [] e.action = "StateTransfer"    -> StateTransfer(e)
      [] e.action = "Restart"          -> Restart(e)

-----------------------------------------------------------------------------
(* The last state that matched, as the verdict shows it. *)
LastState ==
    [view |-> view, normal |-> normal, h |-> h, lastExecuted |-> lastExec, prepared |-> prepared]

Step ==
    /\ i <= TraceLength(t)
    /\ LET e == TraceEvent(t, i)
           why == FirstFailure(Checks(e))
       IN  IF why = ""
           THEN Apply(e) /\ i' = i + 1 /\ t' = t
           ELSE /\ TraceReport([trace |-> t, verdict |-> "rejected", event |-> i, action |-> e.action, reason |-> why,
                                state |-> LastState])
                /\ UNCHANGED vars

Done ==
    /\ i = TraceLength(t) + 1
    /\ TraceReport([trace |-> t, verdict |-> "accepted", event |-> TraceLength(t), action |-> "", reason |-> "",
                    state |-> LastState])
    /\ UNCHANGED vars

Next == Step \/ Done

(* The validator runs TLC on this with -deadlock: a rejected trace ends in *)
(* a state without successors, which is the verdict, not an error.         *)
Spec == Init /\ [][Next]_vars
=============================================================================
