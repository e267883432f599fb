package kernel

import (
	"github.com/rulec/rulec/internal/bpftest"

	"testing"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

func load(tb testing.TB, t *kernelgen.Tables, opts Options) *Classifier {
	tb.Helper()
	bpftest.Require(tb)
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
