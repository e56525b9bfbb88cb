------------------------------- MODULE Voting -------------------------------
(***************************************************************************)
(* Byzantine voting: the layer between Consensus and the protocols.        *)
(*                                                                         *)
(* Replicas vote for values in numbered rounds (PBFT's views, Tendermint's *)
(* rounds, HotStuff's views), separately for each slot.  A value is chosen *)
(* for a slot when a Byzantine quorum voted for it in one round; faulty    *)
(* replicas count as having voted for everything, since they may.  Only    *)
(* honest votes are recorded.                                              *)
(*                                                                         *)
(* Honest replicas obey two rules, and nothing else is needed for          *)
(* Agreement (this is Lamport's Voting abstraction from "The Part-Time     *)
(* Parliament" family, restated for Byzantine quorums):                    *)
(*   1. one vote per slot and round;                                       *)
(*   2. vote for val in round w only if val is SafeAt(s, w, val): in every *)
(*      earlier round, no other value is or can still be chosen.          *)
(* A protocol refines this module by saying which of its messages are the  *)
(* votes (PBFT: COMMIT), and which variable is each replica's round.  The  *)
(* protocol's own machinery (prepared certificates, view change, new-view  *)
(* O sets) is what makes rule 2 true without any replica seeing global     *)
(* state; TLC checks that it does.                                         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS N, F, Byz, Values, Slots, NoOp, Rounds

INSTANCE ByzQuorums

ASSUME Rounds \subseteq Nat

VARIABLES
    requested,   \* values requested by clients
    votes,       \* set of <<r, s, w, val>>: honest replica r voted val for slot s in round w
    round        \* round[r]: the round honest replica r is in; it never votes below it

vars == <<requested, votes, round>>

TypeOK ==
    /\ requested \subseteq Values
    /\ votes \subseteq Honest \X Slots \X Rounds \X (Values \cup {NoOp})
    /\ round \in [Honest -> Rounds]

VotedFor(q, s, w, val) == q \in Byz \/ <<q, s, w, val>> \in votes

ChosenIn(s, w, val) == \E Q \in Quorums : \A q \in Q : VotedFor(q, s, w, val)

Chosen(s, val) == \E w \in Rounds : ChosenIn(s, w, val)

(* Honest q has moved past round w without voting in it for slot s:       *)
(* it never will.                                                          *)
CannotVoteAt(q, s, w) ==
    /\ round[q] > w
    /\ ~\E val \in Values \cup {NoOp} : <<q, s, w, val>> \in votes

(* No value other than val is chosen, or can still be chosen, in round w. *)
NoneOtherChoosableAt(s, w, val) ==
    \E Q \in Quorums :
      \A q \in Q \cap Honest : <<q, s, w, val>> \in votes \/ CannotVoteAt(q, s, w)

SafeAt(s, w, val) ==
    \A u \in Rounds : u < w => NoneOtherChoosableAt(s, u, val)

Init ==
    /\ requested = {}
    /\ votes = {}
    /\ round = [r \in Honest |-> 0]

Request(val) ==
    /\ val \notin requested
    /\ requested' = requested \cup {val}
    /\ UNCHANGED <<votes, round>>

(* Honest r moves to a higher round. *)
IncreaseRound(r, w) ==
    /\ w > round[r]
    /\ round' = [round EXCEPT ![r] = w]
    /\ UNCHANGED <<requested, votes>>

(* Honest r votes val for slot s in round w.  The conjuncts on primed     *)
(* variables come first: when TLC checks a protocol's refinement of this   *)
(* spec, both states are known and the cheap equality rules out most       *)
(* candidate (r, s, w, val) before SafeAt is evaluated.                    *)
Vote(r, s, w, val) ==
    /\ votes' = votes \cup {<<r, s, w, val>>}
    /\ round' = [round EXCEPT ![r] = w]
    /\ UNCHANGED requested
    /\ round[r] <= w
    /\ val \in requested \cup {NoOp}
    /\ ~\E other \in Values \cup {NoOp} : <<r, s, w, other>> \in votes  \* rule 1
    /\ SafeAt(s, w, val)                                                   \* rule 2

Next ==
    \/ \E val \in Values : Request(val)
    \/ \E r \in Honest, w \in Rounds : IncreaseRound(r, w)
    \/ \E r \in Honest, s \in Slots, w \in Rounds, val \in Values \cup {NoOp} : Vote(r, s, w, val)

Spec == Init /\ [][Next]_vars

(* The same as [][Next]_vars, with the stuttering case tried first: the    *)
(* form in which a protocol checks its refinement of Voting, because most  *)
(* protocol steps (PRE-PREPAREs, PREPAREs, NEW-VIEWs) leave the votes and  *)
(* rounds unchanged.                                                       *)
StutterFirstSpec == Init /\ [][UNCHANGED vars \/ Next]_vars

(* Voting refines Consensus: a slot's chosen values are those some round   *)
(* chose.  Checked by MCVoting, which also shows why resilience matters.   *)
C == INSTANCE Consensus
        WITH chosen <- [s \in Slots |-> {val \in Values \cup {NoOp} : Chosen(s, val)}]

ConsensusRefinement == C!Spec
==============================================================================
