// Package kernel generates the tables of the TC classifier in bpf/ from
// the IR: one slot per rule direction, a bitset per header field value
// (Linear Bit Vector Search: per-packet cost grows with slots/64, not with
// rules), one Aho-Corasick automaton over every kernel content compiled to
// a DFA with byte classes, and the items each slot confirms.
//
// Tables is the contract between the generator, the reference evaluator
// (runtime/refeval) and the BPF program (bpf/rulec.bpf.c): all three read the
// same fields with the same meaning, documented here.
package kernel
