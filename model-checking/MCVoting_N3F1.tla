---------------------------- MODULE MCVoting_N3F1 ----------------------------
(***************************************************************************)
(* Negative model of the voting layer: N = 3F.  Quorums of two share only  *)
(* the faulty replica, so two honest replicas voting for different values  *)
(* in one round each complete a quorum with it: two values are chosen.     *)
(* Expected: ChosenAgreement violated.                                     *)
(***************************************************************************)
EXTENDS Voting, TLC

ASSUME ~QuorumsIntersectInHonest

ChosenAgreement == C!Agreement
==============================================================================
