package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// TestFilestore: the options give direction and scope as Suricata reads
// them (a direction alone means the transaction; unknown words are
// ignored); filestore and bypass exclude each other.
func TestFilestore(t *testing.T) {
	for _, c := range []struct{ opt, dir, scope string }{
		{"filestore;", "", "file"},
		{"filestore:request;", "to_server", "tx"},
		{"filestore:to_client,file;", "to_client", "file"},
		{"filestore:both,ssn;", "both", "flow"},
		{"filestore:other;", "", "file"},
	} {
		r := mustCompile(t, `alert http any any -> any any (`+c.opt+` sid:1;)`)
		m, ok := r.Matchers[0].(*ir.Filestore)
		if !ok || m.Dir != c.dir || m.Scope != c.scope || m.Buf().Name != "file.name" {
			t.Errorf("%s: %#v", c.opt, r.Matchers[0])
		}
	}
	mustFail(t, `alert http any any -> any any (filestore:"a b"; sid:1;)`, diag.ErrBadValue, "filestore")
	mustFail(t, `alert http any any -> any any (bypass; filestore; sid:1;)`, diag.ErrConflict, "bypass")
	mustFail(t, `alert http any any -> any any (filestore; bypass; sid:1;)`, diag.ErrConflict, "filestore")
}
