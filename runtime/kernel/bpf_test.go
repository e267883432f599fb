package kernel

import (
	"errors"
	"os"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/features"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

// requireBPF skips tb unless this process can load a TC program; in CI,
// a root process that cannot is a failure, not a skip.
func requireBPF(tb testing.TB) {
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

func load(tb testing.TB, t *kernelgen.Tables, opts Options) *Classifier {
	tb.Helper()
	requireBPF(tb)
	c, err := Load(t, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := c.Close(); err != nil {
			tb.Error(err)
		}
	})
	return c
}
