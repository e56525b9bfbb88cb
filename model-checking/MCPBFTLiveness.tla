--------------------------- MODULE MCPBFTLiveness ---------------------------
(***************************************************************************)
(* Liveness model: after GST, with the faulty replica 0 as the first       *)
(* primary, every request is committed by every honest replica: the        *)
(* honest replicas time out on replica 0, the honest primary of view 1     *)
(* sends NEW-VIEW, and the request is ordered there (or carried over from  *)
(* view 0 in O).  No symmetry reduction: it is unsound for liveness.       *)
(* One request keeps the model small enough for TLC's liveness checker;   *)
(* two sequence numbers leave room for a NEW-VIEW that fills sequence     *)
(* number 1 with the null request.  The config replaces the rule           *)
(* TimerMayExpire with TimerExpiresOnlyOnFaultyPrimary (after GST, only a   *)
(* faulty primary is timed out on); with views 0..1 and replica 0 faulty   *)
(* that allows every time-out the model has room for.                     *)
(***************************************************************************)
EXTENDS PBFT, TLC

ASSUME ResilienceHolds /\ QuorumsIntersectInHonest
==============================================================================
