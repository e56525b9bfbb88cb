---------------------------- MODULE MCPBFT_N3F1 ----------------------------
(***************************************************************************)
(* Negative model: too few replicas.  N = 3 replicas tolerating F = 1,     *)
(* i.e. N = 3F.  A replica can wait for N - F = 2 replies, and two such    *)
(* quorums ({0,1} and {0,2}) share only replica 0, which is the faulty     *)
(* one: it pre-prepares a to replica 1 and b to replica 2, commits both,   *)
(* and each honest replica commits a different request for sequence       *)
(* number 1.  With signatures but no timing guarantees, N > 3F is needed  *)
(* (Bracha and Toueg, JACM 1985; Dwork, Lynch and Stockmeyer, JACM 1988):  *)
(* a replica can wait for only N - F answers, and two such sets must       *)
(* share an honest replica.  (Lamport, Shostak and Pease's signed-messages *)
(* algorithm needs no such bound, but it assumes a synchronous network.)   *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

ASSUME ~QuorumsIntersectInHonest
==============================================================================
