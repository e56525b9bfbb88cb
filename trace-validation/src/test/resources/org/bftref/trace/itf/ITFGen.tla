------------------------------ MODULE ITFGen ------------------------------
(***************************************************************************)
(* Goals for making ITF test traces of PBFT.tla with TLC (see              *)
(* ItfTraceGenerator.java).  Each is stated as an invariant that says the  *)
(* goal is never reached, so that TLC's counterexample is a behaviour that *)
(* reaches it: with breadth-first search, one of the shortest.            *)
(***************************************************************************)
EXTENDS PBFT, TLC

(* Every request is committed-local at every honest replica. *)
NotCommittedByAll ==
    ~\A d \in Values : \A r \in Honest : \E n \in Seqs : CommittedLocal(r, n, d)

(* Some honest replica holds a prepared certificate of view 1, which needs *)
(* a view change, a NEW-VIEW, and PREPAREs in the new view.                *)
NoCertificateInView1 ==
    ~\E r \in Honest : \E t \in prepared[r] : t[1] = 1

(* For random simulation (-simulate): the behaviour is cut at 29 steps.  *)
ShortBehaviour == TLCGet("level") < 29
=============================================================================
