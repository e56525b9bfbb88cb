-------------------------------- MODULE PBFT --------------------------------
(***************************************************************************)
(* Practical Byzantine Fault Tolerance, with signatures.                   *)
(*                                                                         *)
(*   M. Castro and B. Liskov, "Practical Byzantine Fault Tolerance",       *)
(*   OSDI 1999 (section 4), and "Practical Byzantine Fault Tolerance and   *)
(*   Proactive Recovery", ACM TOCS 20(4), 2002.  Section numbers below     *)
(*   are the OSDI paper's.                                                 *)
(*                                                                         *)
(* N replicas numbered 0 .. N-1; the primary of view v is replica v % N.   *)
(* The normal case orders a client request in three phases:               *)
(*   PRE-PREPARE  the primary assigns sequence number n to request d in v; *)
(*   PREPARE      a backup accepts that assignment and says so;            *)
(*   COMMIT       a replica holding a prepared certificate (the           *)
(*                PRE-PREPARE plus 2F matching PREPAREs) says so; 2F+1     *)
(*                COMMITs make the request committed-local: it executes.   *)
(* When the primary is slow or faulty, replicas move to view v+1 with      *)
(* VIEW-CHANGE messages carrying their prepared certificates, and the new  *)
(* primary sends NEW-VIEW with 2F+1 of them (the set V) and the            *)
(* pre-prepares O for the new view, which every backup recomputes from V.  *)
(*                                                                         *)
(* What this spec leaves out, and why it does not matter for what is       *)
(* checked here:                                                           *)
(*  - Checkpoints, garbage collection and watermarks.  The sequence        *)
(*    numbers are the finite set 1..MaxSeq, which plays the role of one    *)
(*    watermark window with low mark 0; checkpoints only let replicas      *)
(*    discard log entries below a stable checkpoint and start the O set    *)
(*    above it, which adds states without adding interleavings that can    *)
(*    break Agreement inside one window.  (They come with the trace spec,  *)
(*    where the log must stay bounded.)                                    *)
(*  - Clients' replies and timestamps: a request is an opaque value d     *)
(*    that stands for its own digest; each client request appears once.   *)
(*    A new primary may assign a request that did not survive a view      *)
(*    change to a second sequence number, so one request can be ordered   *)
(*    twice; executing it at most once is the replicas' job (they keep    *)
(*    each client's last timestamp), checked on the implementation, not   *)
(*    here.  Consensus allows a value in two slots.                        *)
(*  - Message loss and duplication: a message, once sent, may be received *)
(*    by anyone at any later time, or never.  Receiving is not a step: an  *)
(*    honest replica acts when the messages its rule needs exist.          *)
(*                                                                         *)
(* Byzantine replicas.  A faulty replica may sign anything, but cannot     *)
(* forge anyone else's signature.  Rather than interleave its sends one by *)
(* one, this spec treats every message a faulty replica could sign as      *)
(* already sent: see PrePrepareAvailable, PrepareCount, CommitCount and    *)
(* ByzViewChanges.  This is sound for safety because every honest guard    *)
(* that reads other replicas' messages is monotone in the set of messages  *)
(* (more messages never disable an honest step), so "already sent"        *)
(* includes every choice of when, to whom, or whether to send: silence,    *)
(* equivocation, sending to some replicas only.  Guards that read an       *)
(* honest replica's own state (what it accepted, which certificates it     *)
(* holds, its view) see only what that replica took in, which is why the  *)
(* certificates an honest replica holds are a variable (prepared), not a   *)
(* predicate over all messages.  The bound on what faulty replicas send    *)
(* is therefore exactly the bound on what they can sign: requests only     *)
(* with a client's signature (they are in `requested`), certificates only  *)
(* made of messages that exist.                                            *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    N,        \* number of replicas
    F,        \* faults the protocol tolerates (it computes quorums from N and F)
    Byz,      \* the replicas that are faulty in this model
    Values,   \* client requests (each stands for its own digest)
    NoOp,     \* the null request of a NEW-VIEW
    MaxView,  \* views are 0 .. MaxView
    MaxSeq    \* sequence numbers are 1 .. MaxSeq

INSTANCE ByzQuorums

Views  == 0 .. MaxView
Seqs   == 1 .. MaxSeq
Digests == Values \cup {NoOp}

ASSUME /\ NoOp \notin Values
       /\ MaxView \in Nat /\ MaxSeq \in Nat \ {0}

Primary(v) == v % N

VARIABLES
    requested,  \* requests that clients have sent (and signed)
    view,       \* view[r]: the view honest replica r is in
    normal,     \* normal[r]: r has a primary in view[r] (FALSE while it waits for NEW-VIEW)
    prepared,   \* prepared[r]: the certificates <<v, n, d>> honest r holds (section 4.2)
    msgs        \* every message an honest replica has sent

vars == <<requested, view, normal, prepared, msgs>>

-----------------------------------------------------------------------------
(* Messages.  The sender of a PRE-PREPARE is Primary(v).  A VIEW-CHANGE    *)
(* carries P: for each sequence number, the sender's prepared certificate  *)
(* of the highest view, as a record [n, v, d].  A NEW-VIEW carries O: the  *)
(* new pre-prepares, as records [n, d].  The certificates themselves (the  *)
(* 2F signed PREPAREs) are not copied into messages: whether a claimed     *)
(* certificate could be assembled is a predicate over msgs (ValidCert).    *)

PrePrepareMsg(v, n, d) == [type |-> "PrePrepare", v |-> v, n |-> n, d |-> d]
PrepareMsg(v, n, d, r) == [type |-> "Prepare", v |-> v, n |-> n, d |-> d, r |-> r]
CommitMsg(v, n, d, r)  == [type |-> "Commit", v |-> v, n |-> n, d |-> d, r |-> r]
ViewChangeMsg(v, r, P) == [type |-> "ViewChange", v |-> v, r |-> r, P |-> P]
NewViewMsg(v, O)       == [type |-> "NewView", v |-> v, O |-> O]

Cert == [n : Seqs, v : Views, d : Digests]
OEntry == [n : Seqs, d : Digests]

MsgTypeOK(m) ==
    /\ m.type \in {"PrePrepare", "Prepare", "Commit", "ViewChange", "NewView"}
    /\ m.v \in Views
    /\ m.type \in {"PrePrepare", "Prepare", "Commit"} => m.n \in Seqs /\ m.d \in Digests
    /\ m.type \in {"Prepare", "Commit", "ViewChange"} => m.r \in Honest
    /\ m.type = "ViewChange" => m.P \subseteq Cert
    /\ m.type = "NewView" => m.O \subseteq OEntry

TypeOK ==
    /\ requested \subseteq Values
    /\ view \in [Honest -> Views]
    /\ normal \in [Honest -> BOOLEAN]
    /\ \A r \in Honest : prepared[r] \subseteq Views \X Seqs \X Digests
    /\ \A m \in msgs : MsgTypeOK(m)

-----------------------------------------------------------------------------
(***************************************************************************)
(* What exists: honest messages in msgs, and whatever faulty replicas can  *)
(* sign.                                                                   *)
(***************************************************************************)

(* A PRE-PREPARE for (v, n, d) signed by the primary of v exists.  A faulty *)
(* primary can sign one for any request a client signed, and for the null  *)
(* request.                                                                *)
PrePrepareAvailable(v, n, d) ==
    IF Primary(v) \in Byz THEN d \in requested \cup {NoOp}
                          ELSE PrePrepareMsg(v, n, d) \in msgs

(* Backups (not the primary of v) whose PREPARE for (v, n, d) exists.      *)
(* Faulty backups count for every d: they may sign them all.               *)
PrepareCount(v, n, d) ==
    Cardinality({q \in Honest \ {Primary(v)} : PrepareMsg(v, n, d, q) \in msgs})
      + Cardinality(Byz \ {Primary(v)})

CommitCount(v, n, d) ==
    Cardinality({q \in Honest : CommitMsg(v, n, d, q) \in msgs}) + Cardinality(Byz)

(***************************************************************************)
(* The rules, each a named operator so that a negative model can replace   *)
(* exactly one of them (TLC's `Op <- Weaker` in the .cfg) and show what    *)
(* breaks without it.                                                      *)
(***************************************************************************)

(* RULE prepare quorum (section 4.2): a certificate is the PRE-PREPARE plus *)
(* 2F matching PREPAREs from distinct backups, 2F+1 replicas in all (a     *)
(* quorum), so two certificates for one (v, n) share an honest replica,    *)
(* which accepted only one digest: no two digests are prepared at one      *)
(* (v, n).  Written as QuorumSize - 1, which is 2F when N = 3F+1, so that  *)
(* the N = 3F model uses what such a deployment would wait for.            *)
(* Without it: MCPBFT_WeakPrepareQuorum.                                   *)
PrepareQuorum == QuorumSize - 1

(* RULE commit quorum (section 4.2): 2F+1 COMMITs, so that at least F+1    *)
(* honest replicas hold the certificate and any view-change quorum         *)
(* includes one of them.                                                   *)
CommitQuorum == QuorumSize

(* A prepared certificate for (v, n, d) can be assembled from messages     *)
(* that exist.  This is what a replica receiving a VIEW-CHANGE checks.     *)
ValidCert(v, n, d) ==
    /\ PrePrepareAvailable(v, n, d)
    /\ PrepareCount(v, n, d) >= PrepareQuorum

(* Honest r has accepted the PRE-PREPARE for (v, n, d): as primary it sent *)
(* it, as a backup it sent the matching PREPARE.                           *)
Accepted(r, v, n, d) ==
    IF r = Primary(v) THEN PrePrepareMsg(v, n, d) \in msgs
                      ELSE PrepareMsg(v, n, d, r) \in msgs

(* prepared(m, v, n, i) and committed-local(m, v, n, i) of section 4.2.    *)
(* committed-local reads the COMMITs in msgs: a replica that has moved on  *)
(* would discard late COMMITs, so this over-approximates what replicas     *)
(* execute, which only makes Agreement harder to satisfy.                  *)
Prepared(r, v, n, d) == <<v, n, d>> \in prepared[r]

CommittedLocal(r, n, d) ==
    \E v \in Views : Prepared(r, v, n, d) /\ CommitCount(v, n, d) >= CommitQuorum

-----------------------------------------------------------------------------
(***************************************************************************)
(* View change (section 4.4).                                              *)
(***************************************************************************)

(* The P component of honest r's VIEW-CHANGE for view v: for every         *)
(* sequence number, its certificate of the highest view below v.           *)
HighestCerts(S) ==
    {c \in S : ~\E c2 \in S : c2.n = c.n /\ c2.v > c.v}

ViewChangeCerts(r, v) ==
    HighestCerts({[n |-> t[2], v |-> t[1], d |-> t[3]] : t \in {t \in prepared[r] : t[1] < v}})

(* Certificates a faulty replica can claim in a VIEW-CHANGE for view v.    *)
ValidCerts(v) ==
    {c \in [n : Seqs, v : 0 .. (v - 1), d : Digests] : ValidCert(c.v, c.n, c.d)}

(* The P sets a faulty replica's VIEW-CHANGE for v may carry: any valid    *)
(* certificates, at most one per sequence number.  It may also lie by      *)
(* omission, or claim an older certificate than its best; it cannot claim *)
(* one that was never assembled, because receivers check the signatures.  *)
ByzCertSets(v) ==
    {P \in SUBSET ValidCerts(v) : \A c1, c2 \in P : c1.n = c2.n => c1 = c2}

HonestViewChanges(v) == {m \in msgs : m.type = "ViewChange" /\ m.v = v}

ByzViewChanges(v) == {ViewChangeMsg(v, b, P) : b \in Byz, P \in ByzCertSets(v)}

(* The sets V a new primary may put in its NEW-VIEW for v: 2F+1 (a quorum  *)
(* of) VIEW-CHANGE messages for v from distinct replicas.                  *)
ViewChangeQuorums(v) ==
    LET all == HonestViewChanges(v) \cup ByzViewChanges(v)
    IN  {V \in SUBSET all :
            /\ Cardinality({m.r : m \in V}) = Cardinality(V)
            /\ Cardinality(V) = QuorumSize}

(* RULE new-view O (section 4.4): for every sequence number up to the      *)
(* highest in any certificate of V, re-propose the digest of the           *)
(* certificate of the highest view, or the null request if there is none. *)
(* In the correct protocol at most one digest has a certificate of the     *)
(* highest view; the set form lets a broken model (weak prepare quorum)   *)
(* show every choice an implementation might make.                         *)
(* Without it: MCPBFT_NewViewIgnoresCerts.                                 *)
NewViewOs(V) ==
    LET certs    == UNION {m.P : m \in V}
        maxS     == IF certs = {} THEN 0
                    ELSE CHOOSE s \in {c.n : c \in certs} : \A c \in certs : c.n <= s
        atN(n)   == {c \in certs : c.n = n}
        top(n)   == {c \in atN(n) : \A c2 \in atN(n) : c2.v <= c.v}
        choices(n) == IF atN(n) = {} THEN {NoOp} ELSE {c.d : c \in top(n)}
        picks    == {pick \in [1 .. maxS -> Digests] : \A n \in 1 .. maxS : pick[n] \in choices(n)}
    IN  {{[n |-> n, d |-> pick[n]] : n \in 1 .. maxS} : pick \in picks}

(* The O sets an honest primary may send in its NEW-VIEW for v: one       *)
(* computed from some V it may have received.                              *)
ComputableOs(v) == UNION {NewViewOs(V) : V \in ViewChangeQuorums(v)}

(* RULE recompute O (section 4.4): a backup accepts a NEW-VIEW only if it  *)
(* recomputes the same O from the V it carries.  A faulty primary may pick *)
(* any valid V, and send different NEW-VIEWs to different backups, but it  *)
(* cannot get a backup to accept an O that no valid V yields.              *)
(* Without it: MCPBFT_NoRecomputeO.                                         *)
AcceptableOs(v) == ComputableOs(v)

-----------------------------------------------------------------------------
(***************************************************************************)
(* Actions.  Each is one step of one honest replica (or of a client), and  *)
(* has the same name as the Java handler (@SpecAction) and the trace event *)
(* that implement it.                                                      *)
(***************************************************************************)

Init ==
    /\ requested = {}
    /\ view = [r \in Honest |-> 0]
    /\ normal = [r \in Honest |-> TRUE]
    /\ prepared = [r \in Honest |-> {}]
    /\ msgs = {}

(* A client sends (and signs) request d.  Section 4.1. *)
ClientRequest(d) ==
    /\ d \notin requested
    /\ requested' = requested \cup {d}
    /\ UNCHANGED <<view, normal, prepared, msgs>>

(* The next sequence number the primary of v assigns: one above every one  *)
(* already used in v (those in the NEW-VIEW's O included).  An honest      *)
(* primary numbers requests without gaps.                                  *)
NextSeq(v) ==
    LET used == {m.n : m \in {m \in msgs : m.type = "PrePrepare" /\ m.v = v}}
    IN  IF used = {} THEN 1 ELSE 1 + CHOOSE s \in used : \A t \in used : t <= s

(* Honest primary p of view v assigns n to request d.  Section 4.2.        *)
(* It assigns each request at most once per view.                          *)
SendPrePrepare(p, v, n, d) ==
    /\ p \in Honest /\ p = Primary(v)
    /\ view[p] = v /\ normal[p]
    /\ d \in requested
    /\ n = NextSeq(v) /\ n \in Seqs
    /\ ~\E m \in msgs : m.type = "PrePrepare" /\ m.v = v /\ m.d = d
    /\ msgs' = msgs \cup {PrePrepareMsg(v, n, d)}
    /\ UNCHANGED <<requested, view, normal, prepared>>

(* Backup r accepts the PRE-PREPARE for (v, n, d) and sends PREPARE.       *)
(* Section 4.2: it is in view v, the request carries a client's signature *)
(* (d is requested; the null request only comes in a NEW-VIEW), and r has  *)
(* not accepted a different digest for v and n.                            *)
SendPrepare(r, v, n, d) ==
    /\ r \in Honest /\ r # Primary(v)
    /\ view[r] = v /\ normal[r]
    /\ d \in requested
    /\ PrePrepareAvailable(v, n, d)
    /\ ~\E m \in msgs : m.type = "Prepare" /\ m.v = v /\ m.n = n /\ m.r = r
    /\ msgs' = msgs \cup {PrepareMsg(v, n, d, r)}
    /\ UNCHANGED <<requested, view, normal, prepared>>

(* Replica r has collected 2F PREPAREs matching the PRE-PREPARE it         *)
(* accepted: it now holds a prepared certificate and sends COMMIT.         *)
(* Section 4.2.  Becoming prepared and sending COMMIT are one step, as in  *)
(* an implementation's handler for the 2F-th PREPARE; hence the           *)
(* certificates r holds are exactly those it committed on.                 *)
SendCommit(r, v, n, d) ==
    /\ r \in Honest
    /\ view[r] = v /\ normal[r]
    /\ Accepted(r, v, n, d)
    /\ PrepareCount(v, n, d) >= PrepareQuorum
    /\ ~\E m \in msgs : m.type = "Commit" /\ m.v = v /\ m.n = n /\ m.r = r
    /\ prepared' = [prepared EXCEPT ![r] = @ \cup {<<v, n, d>>}]
    /\ msgs' = msgs \cup {CommitMsg(v, n, d, r)}
    /\ UNCHANGED <<requested, view, normal>>

(* RULE when a timer may expire.  In an asynchronous network a backup may  *)
(* time out on any primary at any moment: safety must not depend on when.  *)
(* The liveness models replace this rule with what holds after GST (see   *)
(* TimerExpiresOnlyOnFaultyPrimary below); MCPBFTLiveness_NoTimeout with   *)
(* "never", to show that the view change is what makes PBFT live.         *)
TimerMayExpire(r) == TRUE

(* r's timer expired (or it saw F+1 VIEW-CHANGEs for a higher view): it    *)
(* moves to the next view, stops accepting normal-case messages, and sends *)
(* VIEW-CHANGE with its certificates.  Section 4.4.  Repeated time-outs   *)
(* move it further while no NEW-VIEW arrives.                              *)
SendViewChange(r) ==
    /\ r \in Honest
    /\ view[r] < MaxView
    /\ TimerMayExpire(r)
    /\ view' = [view EXCEPT ![r] = view[r] + 1]
    /\ normal' = [normal EXCEPT ![r] = FALSE]
    /\ msgs' = msgs \cup {ViewChangeMsg(view[r] + 1, r, ViewChangeCerts(r, view[r] + 1))}
    /\ UNCHANGED <<requested, prepared>>

(* Honest primary p of view v has 2F+1 VIEW-CHANGEs for v (V) and sends    *)
(* NEW-VIEW with the O it computes; the entries of O are its PRE-PREPAREs  *)
(* for v.  Section 4.4.  The message records O, not V: backups recompute O *)
(* from V and accept only a match, which an honest primary's always is, so *)
(* V adds nothing an honest backup's step could depend on.                 *)
SendNewView(p, v) ==
    /\ p \in Honest /\ p = Primary(v)
    /\ view[p] = v /\ ~normal[p]
    /\ \E O \in ComputableOs(v) :
         msgs' = msgs \cup {NewViewMsg(v, O)} \cup {PrePrepareMsg(v, e.n, e.d) : e \in O}
    /\ normal' = [normal EXCEPT ![p] = TRUE]
    /\ UNCHANGED <<requested, view, prepared>>

(* Backup r accepts a NEW-VIEW for view v >= its own, enters v, and sends  *)
(* PREPAREs for the pre-prepares in O.  Section 4.4.  An honest primary's  *)
(* NEW-VIEW is in msgs; a faulty primary's may carry any O the backup can  *)
(* recompute from some valid V: the NEW-VIEW candidates below.            *)
NewViewCandidates(v) ==
    IF Primary(v) \in Byz THEN AcceptableOs(v)
    ELSE {m.O : m \in {m \in msgs : m.type = "NewView" /\ m.v = v}}

AcceptNewView(r, v) ==
    /\ r \in Honest /\ r # Primary(v)
    /\ \/ view[r] < v
       \/ view[r] = v /\ ~normal[r]
    /\ \E O \in NewViewCandidates(v) :
         msgs' = msgs \cup {PrepareMsg(v, e.n, e.d, r) : e \in O}
    /\ view' = [view EXCEPT ![r] = v]
    /\ normal' = [normal EXCEPT ![r] = TRUE]
    /\ UNCHANGED <<requested, prepared>>

-----------------------------------------------------------------------------
(* Every disjunct is one named action over constant sets, so that TLC     *)
(* names each step of a counterexample after its action.  Each action     *)
(* tests its cheap guards (view, status) before the expensive O sets.      *)
Next ==
    \/ \E d \in Values : ClientRequest(d)
    \/ \E r \in Honest :
         \/ \E d \in Values : SendPrePrepare(r, view[r], NextSeq(view[r]), d)
         \/ \E n \in Seqs, d \in Values : SendPrepare(r, view[r], n, d)
         \/ \E n \in Seqs, d \in Digests : SendCommit(r, view[r], n, d)
         \/ SendViewChange(r)
         \/ SendNewView(r, view[r])
         \/ \E v \in Views : AcceptNewView(r, v)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness under partial synchrony (OSDI 1999, section 4.5.2).  No       *)
(* protocol can guarantee progress in a fully asynchronous network         *)
(* (Fischer, Lynch and Paterson), so PBFT promises liveness only after the *)
(* global stabilisation time (GST), when messages arrive within a bound    *)
(* and timers outlast it.  After GST an honest primary never lets a        *)
(* request wait long enough for a backup's timer to fire, and an honest    *)
(* new primary's NEW-VIEW arrives before the timer of a replica waiting    *)
(* for it; only a faulty primary can still cause a time-out.  The liveness *)
(* models replace the rule TimerMayExpire with the one below and start at  *)
(* GST (earlier histories are what the safety models cover).  Weak         *)
(* fairness on an honest step says that a step that stays enabled is       *)
(* eventually taken: messages are delivered, nothing is lost.              *)
(***************************************************************************)
TimerExpiresOnlyOnFaultyPrimary(r) == Primary(view[r]) \in Byz

(* Fairness must not make faulty replicas help.  Their messages count as  *)
(* available for safety, but a faulty replica may withhold them forever,   *)
(* so fairness covers only steps that honest messages alone enable: a      *)
(* PREPARE for an honest primary's PRE-PREPARE, a COMMIT once 2F honest    *)
(* PREPAREs exist, a NEW-VIEW from an honest primary.                      *)
HonestPrepareCount(v, n, d) ==
    Cardinality({q \in Honest \ {Primary(v)} : PrepareMsg(v, n, d, q) \in msgs})

HonestCommitCount(v, n, d) ==
    Cardinality({q \in Honest : CommitMsg(v, n, d, q) \in msgs})

FairSendPrepare(r) ==
    \E n \in Seqs, d \in Values :
        Primary(view[r]) \in Honest /\ SendPrepare(r, view[r], n, d)

FairSendCommit(r) ==
    \E n \in Seqs, d \in Digests :
        HonestPrepareCount(view[r], n, d) >= PrepareQuorum /\ SendCommit(r, view[r], n, d)

FairAcceptNewView(r) ==
    \E v \in Views : Primary(v) \in Honest /\ AcceptNewView(r, v)

LiveSpec ==
    /\ Init /\ [][Next]_vars
    /\ \A r \in Honest :
         /\ WF_vars(\E d \in Values : SendPrePrepare(r, view[r], NextSeq(view[r]), d))
         /\ WF_vars(FairSendPrepare(r))
         /\ WF_vars(FairSendCommit(r))
         /\ WF_vars(SendViewChange(r))
         /\ WF_vars(SendNewView(r, view[r]))
         /\ WF_vars(FairAcceptNewView(r))

(* Honest r executes d at n on COMMITs from honest replicas alone.  This   *)
(* implies CommittedLocal, and does not lean on faulty replicas' votes.    *)
ExecutedWithoutFaultyHelp(r, n, d) ==
    \E v \in Views : Prepared(r, v, n, d) /\ HonestCommitCount(v, n, d) >= CommitQuorum

(* Every request a client sends is eventually executed by every honest     *)
(* replica, at some sequence number.                                       *)
EveryRequestCommitted ==
    \A d \in Values :
        d \in requested ~> \A r \in Honest : \E n \in Seqs : ExecutedWithoutFaultyHelp(r, n, d)

-----------------------------------------------------------------------------
(***************************************************************************)
(* Safety properties.                                                      *)
(***************************************************************************)

(* Agreement: no two honest replicas commit different requests for one     *)
(* sequence number, in any views.  The heart of the protocol.              *)
Agreement ==
    \A r1, r2 \in Honest, n \in Seqs, d1, d2 \in Digests :
        CommittedLocal(r1, n, d1) /\ CommittedLocal(r2, n, d2) => d1 = d2

(* Validity: an honest replica only commits a request some client sent,   *)
(* or the null request.                                                    *)
Validity ==
    \A r \in Honest, n \in Seqs, d \in Digests :
        CommittedLocal(r, n, d) => d \in requested \cup {NoOp}

(* The invariant that the prepare quorum buys directly (section 4.2): no   *)
(* two digests have certificates for one view and sequence number.         *)
PreparedUnique ==
    \A v \in Views, n \in Seqs, d1, d2 \in Digests :
        ValidCert(v, n, d1) /\ ValidCert(v, n, d2) => d1 = d2

(***************************************************************************)
(* Refinement.  COMMIT messages are votes in the sense of Voting.tla, the  *)
(* view is the round; through Voting, PBFT refines Consensus with a slot's *)
(* chosen values being those with a commit quorum in some view.            *)
(***************************************************************************)
Vt == INSTANCE Voting
        WITH Slots <- Seqs, Rounds <- Views,
             votes <- {<<m.r, m.n, m.v, m.d>> : m \in {m \in msgs : m.type = "Commit"}},
             round <- view

VotingRefinement == Vt!StutterFirstSpec

chosenBar == [n \in Seqs |-> {d \in Digests : Vt!Chosen(n, d)}]

Cons == INSTANCE Consensus WITH Slots <- Seqs, chosen <- chosenBar

ConsensusRefinement == Cons!StutterFirstSpec
==============================================================================
