------------------------------- MODULE MCPBFT -------------------------------
(***************************************************************************)
(* Model-checking wrapper for PBFT.tla: the positive models.               *)
(* Values are model values, so permuting them changes nothing the spec     *)
(* can observe (it never compares a value with a specific one, only with   *)
(* each other and with NoOp): symmetry reduction over Values is sound for  *)
(* the safety properties checked here.  Replicas are not symmetric (the    *)
(* primary of view v is v % N), so they are not permuted.                  *)
(***************************************************************************)
EXTENDS PBFT, TLC

ASSUME ResilienceHolds /\ QuorumsIntersectInHonest

ValueSymmetry == Permutations(Values)
==============================================================================
