---------------------- MODULE MCPBFT_CommitBeforePrepared ----------------------
(***************************************************************************)
(* Negative model: a replica sends COMMIT as soon as it has accepted the   *)
(* PRE-PREPARE, before it holds a prepared certificate.  A commit quorum   *)
(* then no longer means that F+1 honest replicas hold certificates.  TLC's *)
(* counterexample: primary 0 pre-prepares a; replica 0 holds a certificate *)
(* (replica 1's PREPARE and faulty replica 3's) and commits; replica 1     *)
(* commits before it holds one; with replica 3's COMMIT, a is committed at *)
(* replica 0.  The view-change quorum {1, 2, 3} carries no certificate for *)
(* a, so the new primary 1 assigns sequence number 1 to b, and b is        *)
(* committed in view 1.                                                    *)
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
