// Package refeval is the pure-Go reference evaluator of the kernel tier: it
// reads the same tables as the TC classifier in bpf/ and gives, packet by
// packet, the same verdict, events and userspace copies. rulec uses it when
// it may not load BPF programs, and tests use it as the oracle the real
// classifier is compared with.
package refeval
