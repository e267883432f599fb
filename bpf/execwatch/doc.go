// Package execwatch holds the exec watcher (execwatch.bpf.c, execwatch.h)
// and its bpf2go output: the compiled object execwatch_bpfel.o, embedded
// by execwatch_bpfel.go, so building rulec needs no clang.
//
// The program runs on sched/sched_process_exec (as a tracepoint, or as a
// raw tracepoint where tracefs is not mounted), keeps the executions
// whose basename is in the ew_runtimes map and sends them to userspace on
// the ew_events ring buffer. It logs through ../log.h. runtime/execwatch
// loads it, fills the map and confirms each execution from /proc.
package execwatch
