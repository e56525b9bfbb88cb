------------------------- MODULE MCPBFT_NoRecomputeO -------------------------
(***************************************************************************)
(* Negative model: backups accept a NEW-VIEW whose signatures check out    *)
(* without recomputing O from the VIEW-CHANGE messages in it.  Request a   *)
(* is committed in view 0; replica 1, faulty and primary of view 1, sends  *)
(* a NEW-VIEW whose O assigns sequence number 1 to b; the backups believe  *)
(* it, and b is committed in view 1.                                       *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

(* The backup still checks that V holds 2F+1 valid VIEW-CHANGE messages   *)
(* for v (the signatures); it just takes O on trust: any well-formed O,    *)
(* sequence numbers 1..k, each with a client-signed request or the null    *)
(* request.                                                                *)
AnyOs(v) ==
    IF ViewChangeQuorums(v) = {} THEN {}
    ELSE UNION {{{[n |-> n, d |-> pick[n]] : n \in 1 .. k} : pick \in [1 .. k -> requested \cup {NoOp}]}
                  : k \in 0 .. MaxSeq}
==============================================================================
