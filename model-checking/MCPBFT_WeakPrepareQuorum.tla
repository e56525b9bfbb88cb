----------------------- MODULE MCPBFT_WeakPrepareQuorum -----------------------
(***************************************************************************)
(* Negative model: the prepare quorum weakened from 2F to 2F - 1 PREPAREs, *)
(* a certificate of 2F replicas instead of 2F + 1.  Two certificates for   *)
(* one view and sequence number no longer need to share an honest replica. *)
(* TLC's counterexample: faulty primary 0 pre-prepares a to replicas 1 and *)
(* 2, which prepare and commit it (a is committed in view 0), and b to     *)
(* replica 3, whose lone PREPARE now completes a certificate for b in view *)
(* 0.  The faulty replica claims that certificate in its VIEW-CHANGE; with *)
(* two certificates of the same view the new primary 1 may pick b, and b   *)
(* is committed for sequence number 1 in view 1.                           *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

WeakPrepareQuorum == 2 * F - 1
==============================================================================
