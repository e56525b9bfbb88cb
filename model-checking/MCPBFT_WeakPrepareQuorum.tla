----------------------- MODULE MCPBFT_WeakPrepareQuorum -----------------------
(***************************************************************************)
(* Negative model: the prepare quorum weakened from 2F to 2F - 1 PREPAREs, *)
(* a certificate of 2F replicas instead of 2F + 1.  Two certificates for   *)
(* one view and sequence number no longer need to share an honest replica, *)
(* so a faulty primary (replica 0) gets a prepared at replica 1 and b at   *)
(* replica 2 in view 0.  a is committed; at the view change both           *)
(* certificates have the highest view, the new primary may re-propose b,   *)
(* and b is committed in view 1 for the same sequence number.              *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

WeakPrepareQuorum == 2 * F - 1
==============================================================================
