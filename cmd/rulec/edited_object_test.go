package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
)

// TestEditedObjectRefused: objects edited with their checksum recomputed
// (a slot past the rule list, an unknown tier) are refused by inspect and
// run with exit 1, instead of a panic or rules silently not run.
func TestEditedObjectRefused(t *testing.T) {
	rules, ds, _ := suricata.New(vars.Defaults()).File("t.rules", []byte("alert udp any any -> any 53 (content:\"evil\"; sid:1;)\nalert tcp any any -> any 80 (flow:established; content:\"x\"; sid:2;)\n"))
	if ds.Len() > 0 {
		t.Fatal(ds)
	}
	dir := t.TempDir()
	for name, edit := range map[string]func(o *object.Object){
		"slot.rco": func(o *object.Object) { o.Kernel.Slots[0].Rule = 99 },
		"tier.rco": func(o *object.Object) { o.Tiers[1].Tier = "gpu" },
	} {
		o, err := object.Build(rules, bpf.ELF())
		if err != nil {
			t.Fatal(err)
		}
		edit(o)
		path := filepath.Join(dir, name)
		if err := object.WriteFile(path, o); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"inspect", path}, {"run", path, "--pcap", os.DevNull, "--kernel", "reference"}} {
			_, errOut, code := runCLI(t, args...)
			if code != 1 || !strings.Contains(errOut, "fields fail validation") {
				t.Errorf("%s %s: exit %d, %q", args[0], name, code, errOut)
			}
		}
	}
}
