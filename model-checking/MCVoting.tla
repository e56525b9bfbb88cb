------------------------------ MODULE MCVoting ------------------------------
(***************************************************************************)
(* The voting layer on its own: TLC checks that Voting refines Consensus   *)
(* (every vote keeps at most one value choosable per slot) for N = 4,      *)
(* F = 1, one faulty replica, two values, one slot, rounds 0..2.           *)
(***************************************************************************)
EXTENDS Voting, TLC

ASSUME ResilienceHolds /\ QuorumsIntersectInHonest

ValueSymmetry == Permutations(Values)

(* Agreement and Validity of Consensus, read through the refinement map.  *)
ChosenAgreement == C!Agreement
ChosenValidity  == C!Validity
==============================================================================
