package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
)

func TestFilenameFileext(t *testing.T) {
	for _, c := range []struct {
		opts     string
		pat      string
		neg, end bool
	}{
		{`filename:"r";`, "r", false, false},
		{`fileext:"PDF";`, ".PDF", false, true},
		{`fileext:!"doc";`, ".doc", true, true},
		{`fileext:exe;`, ".exe", false, true},
		{`filemagic:"PDF";`, "PDF", false, false},
		{`filemagic:!"executable";`, "executable", true, false},
	} {
		r := mustCompile(t, `alert tcp any any -> any any (`+c.opts+` content:"x"; sid:1;)`)
		f, ok := r.Matchers[0].(*ir.Content)
		want := "file.name"
		if c.opts[:9] == "filemagic" {
			want = "file.magic"
		}
		if !ok || f.Buffer.Name != want || string(f.Pattern) != c.pat || !f.Nocase || f.Negated != c.neg || f.EndsWith != c.end {
			t.Errorf("%s: %+v", c.opts, r.Matchers[0])
		}
		if p := r.Matchers[1].(*ir.Content); p.Buffer.Name != ir.BufPayload {
			t.Errorf("%s: a content after it inspects %s, want the payload", c.opts, p.Buffer.Name)
		}
	}
}
