// Package bpf holds the rulec TC classifier (rulec.bpf.c and its headers)
// and its bpf2go output: the compiled object rulec_bpfel.o, embedded by
// rulec_bpfel.go, so building rulec needs no clang.
//
// The classifier evaluates the tables of codegen/kernel; runtime/kernel
// sizes its maps from them, fills them and runs it. The layouts shared
// with Go are in rulec.h; limits.go mirrors its limits.
package bpf
