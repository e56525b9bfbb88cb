----------------------- MODULE MCPBFTLiveness_NoTimeout -----------------------
(***************************************************************************)
(* Negative liveness model: replicas never time out, so there is no view   *)
(* change.  TLC's counterexample: faulty primary 0 pre-prepares a to the   *)
(* backups, which prepare and commit it, but it withholds its own COMMITs; *)
(* two honest COMMITs per sequence number are one short of a quorum, no    *)
(* honest replica executes a, and nothing ever changes: the view change is *)
(* what makes PBFT live when a faulty primary stalls.                      *)
(* Expected: EveryRequestCommitted violated.                               *)
(***************************************************************************)
EXTENDS PBFT, TLC

NeverExpire(r) == FALSE
==============================================================================
