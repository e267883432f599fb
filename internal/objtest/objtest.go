// Package objtest builds rule objects from rule text for tests.
package objtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler"
)

// Build compiles Suricata rule text into an object, failing tb on any
// rule error.
func Build(tb testing.TB, rules string) *object.Object {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.rules"), []byte(rules), 0o644); err != nil {
		tb.Fatal(err)
	}
	res, err := compiler.Compile([]string{dir}, compiler.Options{})
	if err != nil || res.Tally.Errors > 0 {
		tb.Fatalf("compile: %v %+v", err, res.Tally)
	}
	o, err := object.Build(res.Rules, bpf.ELF())
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// Encode is Build, encoded as an object file holds it.
func Encode(tb testing.TB, rules string) []byte {
	tb.Helper()
	data, err := object.Encode(Build(tb, rules))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
