----------------------------- MODULE TraceInput -----------------------------
(***************************************************************************)
(* Where TracePBFT.tla reads the trace it checks, and where it reports its *)
(* verdict.  The validator (bftref validate) runs TLC with a Java operator *)
(* override (org.bftref.trace.tlc.TraceInputOverrides) that replaces these *)
(* three operators: TraceHeader and TraceLog then come from the trace file *)
(* (read once, in Java), and TraceReport writes the verdict to a file.     *)
(*                                                                         *)
(* Without the override, TLC uses the definitions below as they stand: an  *)
(* empty trace of four replicas, which TracePBFT accepts, and a verdict    *)
(* that is printed.  The validator's comparison run replaces this module   *)
(* with a generated one that spells a trace out as TLA+ literals.          *)
(*                                                                         *)
(* The trace as TLA+ values: the header is a record with the header fields *)
(* of trace-validation/FORMAT.md (replicas and faulty as sets); each event *)
(* is a record with the event's fields (action, replica, v, n, d, ...),    *)
(* JSON arrays as sets and JSON objects as records.                        *)
(***************************************************************************)
EXTENDS TLC

TraceHeader ==
    [n |-> 4, f |-> 1, replicas |-> {0, 1, 2, 3}, faulty |-> {},
     checkpointInterval |-> 4, watermarkWindow |-> 8, nullDigest |-> "0"]

TraceLog == << >>

TraceReport(verdict) == PrintT(verdict)
=============================================================================
