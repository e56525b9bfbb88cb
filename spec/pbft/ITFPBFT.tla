------------------------------ MODULE ITFPBFT ------------------------------
(***************************************************************************)
(* Validation of ITF traces of PBFT.tla: is a sequence of complete states, *)
(* written by Apalache, Quint or any other tool in the Informal Trace      *)
(* Format, a behaviour of PBFT.tla?                                        *)
(*                                                                         *)
(* Unlike TracePBFT.tla, which follows an implementation's log of named    *)
(* steps and must fill in what the log leaves out, an ITF trace gives      *)
(* every variable in every state.  Nothing is left to search for: state 0  *)
(* must satisfy Init and every step from state j to state j + 1 must       *)
(* satisfy PBFT's Next (or leave every variable unchanged, a stuttering    *)
(* step, which Spec == Init /\ [][Next]_vars allows).  Every state must    *)
(* satisfy TypeOK first, since Next is only meaningful on well-typed       *)
(* states.  The verdict comes from PBFT.tla's own Init, TypeOK and Next,   *)
(* instantiated with the trace's constants; nothing here restates them.   *)
(*                                                                         *)
(* How TLC does it.  The variables are those of PBFT.tla plus k, the index *)
(* of the ITF state they hold, and verdict.  A step assigns the primed     *)
(* variables from state k + 1 first, so that when TLC reaches Next every   *)
(* primed variable already has its value: Next's equations become tests,  *)
(* and TLC evaluates guards instead of enumerating successors.  Each state *)
(* has exactly one successor, so the search is a line and the VIEW is k.  *)
(*                                                                         *)
(* When a step is not a Next step, the verdict names the action the step  *)
(* looks like (from what changed: a new PREPARE is SendPrepare, a replica  *)
(* that moved to the next view and stopped is SendViewChange, ...) and the *)
(* first of that action's conditions that fails, written out below one by *)
(* one, as PBFT.tla states them.  These explain a rejection; they never    *)
(* decide one.  If they all hold although Next does not, the verdict says  *)
(* so, and this module has fallen behind PBFT.tla.                         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences, TLC, ITFInput

C == ITFConstants
S == ITFStates
Last == Len(S) - 1          \* the index of the last ITF state

VARIABLES
    requested, view, normal, prepared, msgs,   \* PBFT.tla's variables, as ITF state k has them
    k,                                         \* the index of the ITF state the variables hold
    verdict                                    \* "checking", or the verdict (see Rejected)

pvars == <<requested, view, normal, prepared, msgs>>

(* PBFT.tla on the variables, and on any state s given as a record. *)
P == INSTANCE PBFT WITH N <- C.N, F <- C.F, Byz <- C.Byz, Values <- C.Values, NoOp <- C.NoOp,
                        MaxView <- C.MaxView, MaxSeq <- C.MaxSeq

At(s) == INSTANCE PBFT WITH N <- C.N, F <- C.F, Byz <- C.Byz, Values <- C.Values, NoOp <- C.NoOp,
                            MaxView <- C.MaxView, MaxSeq <- C.MaxSeq,
                            requested <- s.requested, view <- s.view, normal <- s.normal,
                            prepared <- s.prepared, msgs <- s.msgs

Honest == P!Honest

Checking == [verdict |-> "checking", state |-> 0, action |-> "", params |-> <<>>, reason |-> ""]
Accepted == [verdict |-> "accepted", state |-> Last, action |-> "", params |-> <<>>, reason |-> ""]
Rejected(j, action, params, reason) ==
    [verdict |-> "rejected", state |-> j, action |-> action, params |-> params, reason |-> reason]

-----------------------------------------------------------------------------
(***************************************************************************)
(* TypeOK, guarded.  PBFT's TypeOK compares values (view[r] \in Views, m.v *)
(* \in Views, ...), and TLC stops with an error when it compares values of *)
(* different kinds, say an integer with a string.  So each part first asks *)
(* ITFKind what a value is, and compares only what has the right kind; the *)
(* last check is PBFT's TypeOK itself, which all earlier ones make safe to *)
(* evaluate.  Each check's reason is what the verdict says.                *)
(***************************************************************************)
IsInt(x)    == ITFKind(x) = "int"
IsStr(x)    == ITFKind(x) = "string"
IsBool(x)   == ITFKind(x) = "bool"
IsSet(x)    == ITFKind(x) = "set"
IsTuple(x)  == ITFKind(x) = "tuple"
IsRecord(x) == ITFKind(x) = "record"

(* A #map whose keys are exactly the honest replicas. *)
OverHonest(f) == ITFKind(f) = "map" /\ (\A r \in DOMAIN f : IsInt(r)) /\ DOMAIN f = Honest

MsgFields ==
    [PrePrepare |-> {"type", "v", "n", "d"}, Prepare |-> {"type", "v", "n", "d", "r"},
     Commit |-> {"type", "v", "n", "d", "r"}, ViewChange |-> {"type", "v", "r", "P"},
     NewView |-> {"type", "v", "O"}]

MsgShapeOK(m) ==
    /\ IsRecord(m)
    /\ "type" \in DOMAIN m /\ IsStr(m.type) /\ m.type \in DOMAIN MsgFields
    /\ DOMAIN m = MsgFields[m.type]
    /\ IsInt(m.v)
    /\ "n" \in DOMAIN m => IsInt(m.n)
    /\ "d" \in DOMAIN m => IsStr(m.d)
    /\ "r" \in DOMAIN m => IsInt(m.r)
    /\ "P" \in DOMAIN m => IsSet(m.P) /\ \A c \in m.P : /\ IsRecord(c) /\ DOMAIN c = {"n", "v", "d"}
                                                      /\ IsInt(c.n) /\ IsInt(c.v) /\ IsStr(c.d)
    /\ "O" \in DOMAIN m => IsSet(m.O) /\ \A e \in m.O : /\ IsRecord(e) /\ DOMAIN e = {"n", "d"}
                                                      /\ IsInt(e.n) /\ IsStr(e.d)

CertShapeOK(t) == IsTuple(t) /\ Len(t) = 3 /\ IsInt(t[1]) /\ IsInt(t[2]) /\ IsStr(t[3])

(* The reason of the first part of TypeOK that state s fails, or "". *)
TypeFailure(s) ==
    IF ~IsSet(s.requested) THEN "requested is not a set (#set)"
    ELSE IF ~\A d \in s.requested : IsStr(d) THEN "requested holds a value that is not a string"
    ELSE IF ~(s.requested \subseteq C.Values) THEN "requested holds a value outside Values"
    ELSE IF ~OverHonest(s.view) THEN "view is not a #map from the honest replicas"
    ELSE IF ~\A r \in Honest : IsInt(s.view[r]) THEN "view maps a replica to a value that is not an integer"
    ELSE IF ~\A r \in Honest : s.view[r] \in P!Views THEN "view maps a replica to a view outside 0 .. MaxView"
    ELSE IF ~OverHonest(s.normal) THEN "normal is not a #map from the honest replicas"
    ELSE IF ~\A r \in Honest : IsBool(s.normal[r]) THEN "normal maps a replica to a value that is not a boolean"
    ELSE IF ~OverHonest(s.prepared) THEN "prepared is not a #map from the honest replicas"
    ELSE IF ~\A r \in Honest : IsSet(s.prepared[r]) /\ \A t \in s.prepared[r] : CertShapeOK(t)
         THEN "prepared maps a replica to something other than a set of <<view, sequence number, digest>> tuples"
    ELSE IF ~\A r \in Honest : s.prepared[r] \subseteq P!Views \X P!Seqs \X P!Digests
         THEN "prepared holds a certificate whose view, sequence number or digest is out of range"
    ELSE IF ~IsSet(s.msgs) THEN "msgs is not a set (#set)"
    ELSE IF ~\A m \in s.msgs : MsgShapeOK(m)
         THEN "msgs holds a value that is not a message record with exactly the fields of its type"
    ELSE IF ~\A m \in s.msgs : P!MsgTypeOK(m)
         THEN "msgs holds a message whose view, sequence number, digest, sender or certificates are out of range"
    ELSE IF ~At(s)!TypeOK THEN "TypeOK of PBFT.tla does not hold"
    ELSE ""

(* The reason of the first conjunct of PBFT's Init that state s fails, or "". *)
InitFailure(s) ==
    IF s.requested # {} THEN "requested is not empty: no client has sent a request yet"
    ELSE IF s.view # [r \in Honest |-> 0] THEN "a replica is not in view 0"
    ELSE IF s.normal # [r \in Honest |-> TRUE] THEN "a replica is not in normal status"
    ELSE IF s.prepared # [r \in Honest |-> {}] THEN "a replica holds a prepared certificate"
    ELSE IF s.msgs # {} THEN "msgs is not empty: no replica has sent anything yet"
    ELSE IF ~At(s)!Init THEN "Init of PBFT.tla does not hold"
    ELSE ""

-----------------------------------------------------------------------------
(***************************************************************************)
(* The action a step looks like, read off what changed, and the first of   *)
(* that action's conditions (PBFT.tla's conjuncts, in its order) that the  *)
(* step fails.  Evaluated only for a step that is not a Next step, in the  *)
(* step's context: unprimed variables are state j - 1, primed ones state j.*)
(***************************************************************************)
Added   == msgs' \ msgs
Removed == msgs \ msgs'
Moved   == {r \in Honest : view'[r] # view[r] \/ normal'[r] # normal[r] \/ prepared'[r] # prepared[r]}
Some(X)  == CHOOSE x \in X : TRUE

ChangedVars ==
    {x \in {"requested", "view", "normal", "prepared", "msgs"} :
        CASE x = "requested" -> requested' # requested
          [] x = "view"      -> view' # view
          [] x = "normal"    -> normal' # normal
          [] x = "prepared"  -> prepared' # prepared
          [] x = "msgs"      -> msgs' # msgs}

(* The last condition of every action: it changes nothing else. *)
OnlyChanges(name, allowed) ==
    IF ChangedVars \subseteq allowed THEN ""
    ELSE name \o " changes only " \o ToString(allowed) \o ", but this step also changes "
         \o ToString(ChangedVars \ allowed)

ClientRequestFailure(d) ==
    IF d \in requested THEN "d was requested already"
    ELSE IF requested' # requested \cup {d} THEN "the step adds more than one request"
    ELSE OnlyChanges("ClientRequest", {"requested"})

SendPrePrepareFailure(p, v, n, d) ==
    IF p \notin Honest THEN "the primary of v is faulty: its PRE-PREPAREs count as sent already, none is added to msgs"
    ELSE IF view[p] # v THEN "the primary is not in view v"
    ELSE IF ~normal[p] THEN "the primary has not entered view v (it waits for the NEW-VIEW)"
    ELSE IF d \notin requested THEN "d is not a request a client sent"
    ELSE IF n # P!NextSeq(v) THEN "n is not the next sequence number of view v"
    ELSE IF \E m \in msgs : m.type = "PrePrepare" /\ m.v = v /\ m.d = d
         THEN "view v already has a PRE-PREPARE for d"
    ELSE IF msgs' # msgs \cup {P!PrePrepareMsg(v, n, d)} THEN "the step sends more than this PRE-PREPARE"
    ELSE OnlyChanges("SendPrePrepare", {"msgs"})

SendPrepareFailure(r, v, n, d) ==
    IF r \notin Honest THEN "the sender is faulty"
    ELSE IF r = P!Primary(v) THEN "the replica is the primary of view v, not a backup"
    ELSE IF view[r] # v THEN "the replica is not in view v"
    ELSE IF ~normal[r] THEN "the replica has not entered view v (it waits for the NEW-VIEW)"
    ELSE IF d \notin requested THEN "d is not a request a client sent (the null request comes only in a NEW-VIEW)"
    ELSE IF ~P!PrePrepareAvailable(v, n, d)
         THEN "no PRE-PREPARE for (v, n, d) exists (the honest primary of v did not send one)"
    ELSE IF \E m \in msgs : m.type = "Prepare" /\ m.v = v /\ m.n = n /\ m.r = r
         THEN "the replica already sent a PREPARE for (v, n)"
    ELSE IF msgs' # msgs \cup {P!PrepareMsg(v, n, d, r)} THEN "the step sends more than this PREPARE"
    ELSE OnlyChanges("SendPrepare", {"msgs"})

SendCommitFailure(r, v, n, d) ==
    IF r \notin Honest THEN "the sender is faulty"
    ELSE IF view[r] # v THEN "the replica is not in view v"
    ELSE IF ~normal[r] THEN "the replica has not entered view v (it waits for the NEW-VIEW)"
    ELSE IF ~P!Accepted(r, v, n, d) THEN "the replica did not accept a PRE-PREPARE for (v, n, d)"
    ELSE IF P!PrepareCount(v, n, d) < P!PrepareQuorum
         THEN "fewer than 2f PREPAREs for (v, n, d) exist (RULE prepare quorum)"
    ELSE IF \E m \in msgs : m.type = "Commit" /\ m.v = v /\ m.n = n /\ m.r = r
         THEN "the replica already sent a COMMIT for (v, n)"
    ELSE IF prepared' # [prepared EXCEPT ![r] = @ \cup {<<v, n, d>>}]
         THEN "the replica's prepared certificates do not become the old ones plus <<v, n, d>>"
    ELSE IF msgs' # msgs \cup {P!CommitMsg(v, n, d, r)} THEN "the step does not send exactly this COMMIT"
    ELSE OnlyChanges("SendCommit", {"prepared", "msgs"})

SendViewChangeFailure(r) ==
    LET v == view[r] + 1 IN
    IF view[r] >= C.MaxView THEN "the replica is in the last view of the model (MaxView)"
    ELSE IF ~P!TimerMayExpire(r) THEN "the replica's timer may not expire"
    ELSE IF view' # [view EXCEPT ![r] = v] THEN "the replica does not move to the next view"
    ELSE IF normal' # [normal EXCEPT ![r] = FALSE] THEN "the replica does not stop normal operation"
    ELSE IF ~\E m \in Added : m.type = "ViewChange" /\ m.r = r /\ m.v = v
         THEN "the step sends no VIEW-CHANGE of the replica for its new view"
    ELSE IF P!ViewChangeMsg(v, r, P!ViewChangeCerts(r, v)) \notin Added
         THEN "the VIEW-CHANGE's P is not the replica's highest prepared certificates below the new view"
    ELSE IF msgs' # msgs \cup {P!ViewChangeMsg(v, r, P!ViewChangeCerts(r, v))}
         THEN "the step sends more than the VIEW-CHANGE"
    ELSE OnlyChanges("SendViewChange", {"view", "normal", "msgs"})

SendNewViewFailure(p, v) ==
    LET nv == {m \in Added : m.type = "NewView" /\ m.v = v} IN
    IF p \notin Honest THEN "the primary of v is faulty: its NEW-VIEWs count as sent already, none is added to msgs"
    ELSE IF view[p] # v THEN "the primary is not in view v"
    ELSE IF normal[p] THEN "the primary is not waiting for the NEW-VIEW of v (it is in normal status)"
    ELSE IF normal' # [normal EXCEPT ![p] = TRUE] THEN "the primary does not enter normal status"
    ELSE IF nv = {} THEN "the step sends no NEW-VIEW for v"
    ELSE IF ~\E m \in nv : m.O \in P!ComputableOs(v)
         THEN "O is not what any 2f+1 VIEW-CHANGEs for v yield (RULE new-view O)"
    ELSE IF ~\E O \in P!ComputableOs(v) :
              msgs' = msgs \cup {P!NewViewMsg(v, O)} \cup {P!PrePrepareMsg(v, e.n, e.d) : e \in O}
         THEN "the step's messages are not one NEW-VIEW and the PRE-PREPAREs of its O"
    ELSE OnlyChanges("SendNewView", {"normal", "msgs"})

AcceptNewViewFailure(r, v) ==
    IF r = P!Primary(v) THEN "the replica is the primary of view v, not a backup"
    ELSE IF ~(view[r] < v \/ (view[r] = v /\ ~normal[r]))
         THEN "the replica is in a view above v, or has entered v already"
    ELSE IF view' # [view EXCEPT ![r] = v] \/ normal' # [normal EXCEPT ![r] = TRUE]
         THEN "the replica does not enter view v in normal status"
    ELSE IF ~\A m \in Added : m.type = "Prepare" /\ m.v = v /\ m.r = r
         THEN "the step sends messages other than the replica's PREPAREs for view v"
    ELSE IF ~\E O \in P!NewViewCandidates(v) : msgs' = msgs \cup {P!PrepareMsg(v, e.n, e.d, r) : e \in O}
         THEN IF P!Primary(v) \in C.Byz
              THEN "no O computed from 2f+1 valid VIEW-CHANGEs for v gives these PREPAREs (RULE recompute O)"
              ELSE "the honest primary of v sent no NEW-VIEW whose O gives these PREPAREs"
    ELSE OnlyChanges("AcceptNewView", {"view", "normal", "msgs"})

(* An action of PBFT.tla with its parameters, and the first condition the *)
(* step fails ("" if none).                                               *)
Act(name, params, why) == [action |-> name, params |-> params, reason |-> why]
NoAction(why) == Act("none", <<>>, why)

Guess ==
    IF Removed # {} THEN NoAction("a message disappeared: msgs only grows, no action removes a message")
    ELSE IF ~(requested \subseteq requested') THEN NoAction("a request disappeared: requested only grows")
    ELSE IF requested' # requested
         THEN LET d == Some(requested' \ requested) IN Act("ClientRequest", [d |-> d], ClientRequestFailure(d))
    ELSE IF Cardinality(Moved) > 1
         THEN NoAction("replicas " \o ToString(Moved) \o " change in one step; every action is a step of one replica")
    ELSE IF Moved # {} THEN
        LET r == Some(Moved) IN
        IF view'[r] # view[r] THEN
            IF ~normal'[r] THEN Act("SendViewChange", [r |-> r], SendViewChangeFailure(r))
            ELSE Act("AcceptNewView", [r |-> r, v |-> view'[r]], AcceptNewViewFailure(r, view'[r]))
        ELSE IF normal'[r] # normal[r] THEN
            IF ~normal'[r] THEN Act("SendViewChange", [r |-> r], SendViewChangeFailure(r))
            ELSE IF r = P!Primary(view[r]) THEN Act("SendNewView", [p |-> r, v |-> view[r]], SendNewViewFailure(r, view[r]))
            ELSE Act("AcceptNewView", [r |-> r, v |-> view[r]], AcceptNewViewFailure(r, view[r]))
        ELSE IF prepared'[r] \subseteq prepared[r]
            THEN NoAction("a prepared certificate of replica " \o ToString(r) \o " disappeared; no action forgets one")
        ELSE LET t == Some(prepared'[r] \ prepared[r])
             IN  Act("SendCommit", [r |-> r, v |-> t[1], n |-> t[2], d |-> t[3]], SendCommitFailure(r, t[1], t[2], t[3]))
    ELSE IF \E m \in Added : m.type = "NewView" THEN
        LET m == CHOOSE m \in Added : m.type = "NewView"
        IN  Act("SendNewView", [p |-> P!Primary(m.v), v |-> m.v], SendNewViewFailure(P!Primary(m.v), m.v))
    ELSE LET m == Some(Added) IN
        CASE m.type = "PrePrepare" ->
                Act("SendPrePrepare", [p |-> P!Primary(m.v), v |-> m.v, n |-> m.n, d |-> m.d],
                    SendPrePrepareFailure(P!Primary(m.v), m.v, m.n, m.d))
          [] m.type = "Prepare" ->
                Act("SendPrepare", [r |-> m.r, v |-> m.v, n |-> m.n, d |-> m.d], SendPrepareFailure(m.r, m.v, m.n, m.d))
          [] m.type = "Commit" ->
                Act("SendCommit", [r |-> m.r, v |-> m.v, n |-> m.n, d |-> m.d], SendCommitFailure(m.r, m.v, m.n, m.d))
          [] m.type = "ViewChange" ->
                Act("SendViewChange", [r |-> m.r], SendViewChangeFailure(m.r))

(* The verdict for a step into state j that is not a Next step. *)
Diagnosis(j) ==
    LET g == Guess IN
    Rejected(j, g.action, g.params,
             IF g.reason # "" THEN g.reason
             ELSE "every condition of " \o g.action \o " written out in ITFPBFT.tla holds, yet PBFT's Next "
                  \o "has no such step (ITFPBFT.tla's list of conditions is behind PBFT.tla)")

-----------------------------------------------------------------------------
Init ==
    /\ requested = S[1].requested
    /\ view = S[1].view
    /\ normal = S[1].normal
    /\ prepared = S[1].prepared
    /\ msgs = S[1].msgs
    /\ k = 0
    /\ verdict = LET type == TypeFailure(S[1])
                     init == IF type = "" THEN InitFailure(S[1]) ELSE ""
                 IN  CASE type # "" -> Rejected(0, "TypeOK", <<>>, type)
                       [] init # "" -> Rejected(0, "Init", <<>>, init)
                       [] Last = 0  -> Accepted
                       [] OTHER     -> Checking

(* The primed variables are assigned first, from state k + 1: every later *)
(* mention of them, in Next included, is then a test.                     *)
Step ==
    /\ verdict.verdict = "checking"
    /\ requested' = S[k + 2].requested
    /\ view' = S[k + 2].view
    /\ normal' = S[k + 2].normal
    /\ prepared' = S[k + 2].prepared
    /\ msgs' = S[k + 2].msgs
    /\ k' = k + 1
    /\ verdict' = LET type == TypeFailure(S[k + 2]) IN
                  IF type # "" THEN Rejected(k + 1, "TypeOK", <<>>, type)
                  ELSE IF P!Next \/ UNCHANGED pvars THEN (IF k + 1 = Last THEN Accepted ELSE Checking)
                  ELSE Diagnosis(k + 1)

(* A verdict is reported once, from the state that reached it. *)
Done ==
    /\ verdict.verdict # "checking"
    /\ ITFReport(verdict)
    /\ UNCHANGED <<pvars, k, verdict>>

Next == Step \/ Done

ITFView == k
=============================================================================
