----------------------------- MODULE TraceInput -----------------------------
(***************************************************************************)
(* Where TracePBFT.tla reads the traces it checks, and where it reports   *)
(* its verdicts.  The validator (bftref validate) runs TLC with a Java     *)
(* operator override (org.bftref.trace.tlc.TraceInputOverrides) that      *)
(* replaces the operators below Traces: they then read a file that the     *)
(* validator wrote, one event when TLC asks for it (so TLC never holds a   *)
(* whole trace, and its memory does not grow with the trace), and          *)
(* TraceReport writes each verdict to a file.                              *)
(*                                                                         *)
(* Without the override, TLC uses the definitions below as they stand: one *)
(* empty trace of four replicas, which TracePBFT accepts, and verdicts     *)
(* that are printed.  The validator's comparison run replaces this module  *)
(* with a generated one that spells a trace out as TLA+ literals in        *)
(* Traces, with the same four operators over it.                           *)
(*                                                                         *)
(* Traces is a sequence of independent traces, checked in one TLC run (so  *)
(* that a test suite validating hundreds pays for TLC's start once).  Each *)
(* is a record: header, the header fields of trace-validation/FORMAT.md    *)
(* (replicas and faulty as sets); events, a sequence of records with the   *)
(* event's fields (action, replica, v, n, d, ...), JSON arrays as sets and *)
(* JSON objects as records.  TracePBFT reads them only through the four    *)
(* operators that follow, which is what the override replaces.             *)
(***************************************************************************)
EXTENDS Sequences, TLC

Traces ==
    << [header |-> [n |-> 4, f |-> 1, replicas |-> {0, 1, 2, 3}, faulty |-> {},
                    checkpointInterval |-> 4, watermarkWindow |-> 8, nullDigest |-> "0"],
        events |-> << >>] >>

TraceCount       == Len(Traces)              \* the number of traces
TraceHeader(t)   == Traces[t].header         \* the header of trace t
TraceLength(t)   == Len(Traces[t].events)    \* its number of events
TraceEvent(t, k) == Traces[t].events[k]      \* its event k, 1 <= k <= TraceLength(t)

TraceReport(verdict) == PrintT(verdict)
=============================================================================
