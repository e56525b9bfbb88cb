------------------------------ MODULE ITFInput ------------------------------
(***************************************************************************)
(* Where ITFPBFT.tla reads an ITF trace (Apalache's and Quint's Informal   *)
(* Trace Format: complete states) and where it reports its verdict.  The  *)
(* validator (bftref validate --itf) runs TLC with a Java operator         *)
(* override (org.bftref.trace.tlc.ItfInputOverrides) that replaces all     *)
(* four operators; TLC2 2.18 has no Json module to read the file itself.   *)
(*                                                                         *)
(*   ITFConstants  the constants of PBFT.tla, as a record [N, F, Byz,      *)
(*                 Values, NoOp, MaxView, MaxSeq];                         *)
(*   ITFStates     the states, a tuple: ITFStates[j + 1] is ITF state j,   *)
(*                 a record with one field per variable of PBFT.tla;       *)
(*   ITFKind(x)    what kind of value x is ("int", "string", "bool",       *)
(*                 "set", "tuple", "record", "map"), so that the type      *)
(*                 check can look at a value before it compares it: TLC    *)
(*                 stops with an error, rather than answering FALSE, when  *)
(*                 it compares an integer with a string;                   *)
(*   ITFReport(v)  writes the verdict.                                      *)
(*                                                                         *)
(* Without the override, the definitions below apply: the initial state of *)
(* a four-replica model as the only state.  ITFKind has no definition in   *)
(* TLA+ (no operator can tell an integer from a string without comparing   *)
(* them), so such a run stops at the first type check, saying why.         *)
(***************************************************************************)
EXTENDS TLC, Naturals

ITFConstants ==
    [N |-> 4, F |-> 1, Byz |-> {}, Values |-> {"a"}, NoOp |-> "NoOp", MaxView |-> 1, MaxSeq |-> 1]

ITFStates ==
    << [requested |-> {}, view |-> [r \in 0 .. 3 |-> 0], normal |-> [r \in 0 .. 3 |-> TRUE],
        prepared |-> [r \in 0 .. 3 |-> {}], msgs |-> {}] >>

ITFKind(x) == Assert(FALSE, "ITFKind is defined by the Java override that bftref validate --itf gives TLC")

ITFReport(verdict) == PrintT(verdict)
=============================================================================
