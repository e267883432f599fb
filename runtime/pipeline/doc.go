// Package pipeline wires a compiled object into a running engine: it
// picks the kernel tier (the real classifier through BPF_PROG_TEST_RUN or
// the reference evaluator), the flow tracker and the matcher, checks that
// the object was generated for this binary's classifier, and runs
// captures through it.
package pipeline
