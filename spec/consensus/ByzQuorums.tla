----------------------------- MODULE ByzQuorums -----------------------------
(***************************************************************************)
(* Byzantine quorums, shared by every protocol in bftref.                  *)
(*                                                                         *)
(* N replicas, of which the set Byz is faulty (Byzantine); the protocol    *)
(* is designed to tolerate F of them.  A quorum is any set of N - F        *)
(* replicas: it is the most a replica can wait for, because F replicas may *)
(* never answer.  With N = 3F + 1 a quorum has 2F + 1 members, and any two *)
(* quorums share at least F + 1 replicas, hence at least one honest one    *)
(* while |Byz| <= F.  That single honest replica in the intersection is    *)
(* the whole reason two conflicting decisions cannot both gather a quorum: *)
(* an honest replica never votes for two values in one round.              *)
(*                                                                         *)
(* A weak quorum (F + 1 replicas) contains at least one honest replica:    *)
(* enough to believe a claim, not enough to decide.                        *)
(*                                                                         *)
(* The negative models break these conditions on purpose (N = 3F, or two   *)
(* faulty replicas with F = 1), so the module only states them as          *)
(* predicates; the checked models ASSUME them where they must hold.        *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    N,    \* number of replicas; replicas are 0 .. N-1 (PBFT numbers them so)
    F,    \* the number of faults the protocol is configured to tolerate
    Byz   \* the replicas that are actually faulty in this model

Replicas == 0 .. N - 1

ASSUME /\ N \in Nat \ {0}
       /\ F \in Nat
       /\ Byz \subseteq Replicas

Honest == Replicas \ Byz

QuorumSize     == N - F
WeakQuorumSize == F + 1

Quorums     == {Q \in SUBSET Replicas : Cardinality(Q) >= QuorumSize}
WeakQuorums == {Q \in SUBSET Replicas : Cardinality(Q) >= WeakQuorumSize}

(* The resilience condition of Byzantine agreement without timing         *)
(* guarantees (Bracha and Toueg, "Asynchronous Consensus and Broadcast     *)
(* Protocols", JACM 1985; Dwork, Lynch and Stockmeyer, "Consensus in the  *)
(* Presence of Partial Synchrony", JACM 1988): more than three times as    *)
(* many replicas as faults, and no more faults than budgeted.  Lamport,    *)
(* Shostak and Pease prove the same bound for unsigned messages even in a  *)
(* synchronous network.                                                    *)
ResilienceHolds == N >= 3 * F + 1 /\ Cardinality(Byz) <= F

(* What the resilience condition buys, stated directly; TLC checks it as  *)
(* an ASSUME in the positive models and sees it fail in the negative.     *)
QuorumsIntersectInHonest ==
    \A Q1, Q2 \in Quorums : Q1 \cap Q2 \cap Honest # {}

WeakQuorumsContainHonest ==
    \A Q \in WeakQuorums : Q \cap Honest # {}
==============================================================================
