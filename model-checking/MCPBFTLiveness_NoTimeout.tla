----------------------- MODULE MCPBFTLiveness_NoTimeout -----------------------
(***************************************************************************)
(* Negative liveness model: replicas never time out, so there is no view   *)
(* change.  Faulty replica 0, primary of view 0, stays silent and no       *)
(* request is ever executed: the view change is what makes PBFT live.      *)
(* Expected: EveryRequestCommitted violated.                               *)
(***************************************************************************)
EXTENDS PBFT, TLC

NeverExpire(r) == FALSE
==============================================================================
