// Package bpftest lets tests that need to load BPF programs skip where the
// process may not, and fail under CI=true where a root process cannot.
package bpftest
