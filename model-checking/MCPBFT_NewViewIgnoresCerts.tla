---------------------- MODULE MCPBFT_NewViewIgnoresCerts ----------------------
(***************************************************************************)
(* Negative model: the new primary's O ignores the prepared certificates   *)
(* in the VIEW-CHANGE messages and starts the new view with an empty log.  *)
(* TLC's counterexample: replicas 0 and 1, with the faulty replica 3's     *)
(* COMMIT, commit a for sequence number 1 in view 0; both report the       *)
(* certificate in their VIEW-CHANGEs, the new primary 1 ignores it and     *)
(* assigns sequence number 1 to b, and b is committed in view 1.           *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

IgnoreCertsOs(V) == {{}}
==============================================================================
