package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/sideconf"
)

// A reference's URL as Suricata 8 lists it in alerts: the default
// reference.config's prefix, a scheme in the value replacing it, an
// unknown system "undefined", the value cut at the first character
// Suricata's reference regex does not take.
func TestReferenceURL(t *testing.T) {
	systems := sideconf.DefaultReferences()
	for _, c := range []struct{ kind, value, want string }{
		{"url", "github.com/corelight/zerologon", "https://github.com/corelight/zerologon"},
		{"cve", "2014-0160", "https://cve.mitre.org/cgi-bin/cvename.cgi?name=2014-0160"},
		{"URL", "foobar://github.com/x", "foobar://github.com/x"},
		{"nosuch", "abc", "undefinedabc"},
		{"url", "www.example.com/a&b=1", "https://www.example.com/a"},
		{"url", "&", ""},
	} {
		if got := referenceURL(systems, ir.Reference{Kind: c.kind, Value: c.value}); got != c.want {
			t.Errorf("%s,%s: %q, want %q", c.kind, c.value, got, c.want)
		}
	}
}
