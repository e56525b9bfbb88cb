------------------------------ MODULE Consensus ------------------------------
(***************************************************************************)
(* What any Byzantine-fault-tolerant state-machine-replication protocol    *)
(* must achieve, with no protocol in sight.                                *)
(*                                                                         *)
(* The replicated log is a function from slots (sequence numbers) to the   *)
(* set of values chosen for that slot.  Clients request values; a slot     *)
(* may be filled with a requested value or with the no-op filler NoOp      *)
(* (PBFT's "null request", which a new primary uses to plug holes in the   *)
(* log after a view change).  Two things must hold, forever:               *)
(*                                                                         *)
(*   Agreement: at most one value is chosen per slot;                      *)
(*   Validity:  only a requested value (or NoOp) is chosen.                *)
(*                                                                         *)
(* Each protocol spec (PBFT now; Tendermint and HotStuff later) maps its    *)
(* own state onto `requested` and `chosen`, through the shared voting      *)
(* layer in Voting.tla, and TLC checks that every protocol step is a step  *)
(* of this spec (or leaves it unchanged).                                  *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Values,   \* what clients may request (operations, opaque here)
    Slots,    \* the log positions (PBFT: sequence numbers)
    NoOp      \* the filler value a protocol may choose without a request

ASSUME NoOp \notin Values

VARIABLES
    requested,  \* the values some client has requested so far
    chosen      \* chosen[s]: the values chosen for slot s (at most one, see Agreement)

vars == <<requested, chosen>>

TypeOK ==
    /\ requested \subseteq Values
    /\ chosen \in [Slots -> SUBSET (Values \cup {NoOp})]

Init ==
    /\ requested = {}
    /\ chosen = [s \in Slots |-> {}]

(* A client asks for value val. *)
Request(val) ==
    /\ val \notin requested
    /\ requested' = requested \cup {val}
    /\ UNCHANGED chosen

(***************************************************************************)
(* Some empty slots get a value each, in one step.  Allowing several slots *)
(* at once keeps the target honest for protocols that decide a whole       *)
(* chain at once (HotStuff's commit rule); a protocol that decides one     *)
(* slot per step refines it just as well.                                  *)
(***************************************************************************)
Choose ==
    \E D \in (SUBSET {s \in Slots : chosen[s] = {}}) \ {{}} :
      \E pick \in [D -> requested \cup {NoOp}] :
        /\ chosen' = [s \in Slots |-> IF s \in D THEN {pick[s]} ELSE chosen[s]]
        /\ UNCHANGED requested

Next == (\E val \in Values : Request(val)) \/ Choose

Spec == Init /\ [][Next]_vars

(* Equivalent to Spec; a refining protocol checks this form, which tries   *)
(* the (common, cheap) stuttering case before Choose.                      *)
StutterFirstSpec == Init /\ [][UNCHANGED vars \/ Next]_vars

(* At most one value per slot. *)
Agreement == \A s \in Slots : Cardinality(chosen[s]) <= 1

(* Only what a client asked for, or the no-op filler. *)
Validity == \A s \in Slots : chosen[s] \subseteq requested \cup {NoOp}
==============================================================================
