package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
)

// FuzzInspect runs rulec inspect on fuzzed object files (seeded with a
// real object): exit 0 with a dump or 1 with an error, never a panic.
func FuzzInspect(f *testing.F) {
	rules, _, _ := suricata.New(vars.Defaults()).File("t.rules", []byte("alert udp any any -> any 53 (content:\"evil\"; sid:1;)\nalert tcp any any -> any 80 (flow:established; content:\"x\"; sid:2;)\n"))
	o, err := object.Build(rules, []byte("elf"))
	if err != nil {
		f.Fatal(err)
	}
	seed, err := object.Encode(o)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	path := filepath.Join(f.TempDir(), "o.rco")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, _, code := runCLI(t, "inspect", path); code != 0 && code != 1 {
			t.Fatalf("exit %d", code)
		}
	})
}
