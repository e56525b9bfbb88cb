------------------------- MODULE MCPBFT_TwoByzantine -------------------------
(***************************************************************************)
(* Negative model: more faults than budgeted.  N = 4 replicas configured  *)
(* for F = 1, but replicas 0 and 1 are both faulty.  Quorums of 3 can now  *)
(* intersect in faulty replicas only: faulty primary 0 pre-prepares a to   *)
(* replica 2 and b to replica 3; faulty replica 1 prepares and commits     *)
(* both; each honest replica commits a different request.                  *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

ASSUME ~QuorumsIntersectInHonest
==============================================================================
