------------------------- MODULE MCPBFT_NoRecomputeO -------------------------
(***************************************************************************)
(* Negative model: backups accept a NEW-VIEW whose signatures check out    *)
(* without recomputing O from the VIEW-CHANGE messages in it.  TLC's      *)
(* counterexample: replicas 0 and 2, with the faulty replica 1's COMMIT,   *)
(* commit a for sequence number 1 in view 0 and report it in their        *)
(* VIEW-CHANGEs; replica 1, primary of view 1, sends them a NEW-VIEW whose *)
(* O fills sequence number 1 with the null request; they believe it, and   *)
(* the null request is committed for sequence number 1 in view 1.         *)
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
