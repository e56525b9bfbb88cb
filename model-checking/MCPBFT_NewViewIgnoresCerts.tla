---------------------- MODULE MCPBFT_NewViewIgnoresCerts ----------------------
(***************************************************************************)
(* Negative model: the new primary's O ignores the prepared certificates   *)
(* in the VIEW-CHANGE messages and starts the new view with an empty log.  *)
(* Request a is committed in view 0 (all replicas but the faulty replica 3 *)
(* take part); after the view change the new primary assigns sequence     *)
(* number 1 afresh, to b, and b is committed in view 1.                    *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

IgnoreCertsOs(V) == {{}}
==============================================================================
