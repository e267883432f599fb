package bpftest

import (
	"errors"
	"os"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/features"
)

// Require skips tb unless this process can load a TC program; in CI, a
// root process that cannot is a failure, not a skip.
func Require(tb testing.TB) {
	tb.Helper()
	err := features.HaveProgramType(ebpf.SchedCLS)
	switch {
	case err == nil:
	case os.Getenv("CI") == "true" && os.Geteuid() == 0 && !errors.Is(err, ebpf.ErrNotSupported):
		tb.Fatalf("CI runs as root but cannot load a TC program: %v", err)
	default:
		tb.Skipf("cannot load BPF programs here (needs root, or CAP_BPF and CAP_NET_ADMIN): %v", err)
	}
}
