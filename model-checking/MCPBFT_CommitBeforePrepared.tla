---------------------- MODULE MCPBFT_CommitBeforePrepared ----------------------
(***************************************************************************)
(* Negative model: a replica sends COMMIT as soon as it has accepted the   *)
(* PRE-PREPARE, before it holds a prepared certificate.  A commit quorum   *)
(* then no longer means that F+1 honest replicas hold certificates: here   *)
(* replicas 0 and 1 commit a early (and hold no certificate), replica 2    *)
(* prepares and commits a properly, and the view-change quorum {0, 1, 3}   *)
(* carries no certificate for a.  The new primary is free to propose b for *)
(* the same sequence number, and b is committed in view 1.                 *)
(* Expected: Agreement violated.                                           *)
(***************************************************************************)
EXTENDS PBFT, TLC

(* SendCommit with the prepare-quorum guard removed: no certificate is     *)
(* recorded, because the replica has none to show in a VIEW-CHANGE.        *)
SendCommitUnprepared(r, v, n, d) ==
    /\ r \in Honest
    /\ view[r] = v /\ normal[r]
    /\ Accepted(r, v, n, d)
    /\ ~\E m \in msgs : m.type = "Commit" /\ m.v = v /\ m.n = n /\ m.r = r
    /\ msgs' = msgs \cup {CommitMsg(v, n, d, r)}
    /\ UNCHANGED <<requested, view, normal, prepared>>

MutantNext ==
    \/ Next
    \/ \E r \in Honest, n \in Seqs, d \in Digests : SendCommitUnprepared(r, view[r], n, d)

MutantSpec == Init /\ [][MutantNext]_vars
==============================================================================
