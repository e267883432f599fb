// Package kernel loads the TC classifier of package bpf with the tables
// of one rule set (codegen/kernel.Tables), runs packets through it with
// BPF_PROG_TEST_RUN and reads back its verdicts, events and counters.
//
// Load sizes every table map from the Tables (bitset value sizes, slot,
// item and state counts, the DFA as one value of row byte offsets),
// passes the sizes the verifier needs as read-only constants, loads the
// program and fills the maps with batch updates. The allow and block
// lists and the port blocks start empty and are edited at run time with
// AddList, RemoveList, AddPortBlock and RemovePortBlock. A classifier
// loaded with Options.Share reuses another's lists, counters and ring
// buffer, so a reload keeps them; Options.Generation tags its events.
package kernel
