package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestChecksumKeyword(t *testing.T) {
	r := mustCompile(t, `alert ip any any -> any any (ipv4-csum:invalid; udpv6-csum:"VALID"; sid:1;)`)
	want := []ir.Checksum{{Proto: "ipv4"}, {Proto: "udpv6", Valid: true}}
	for i, w := range want {
		if c, ok := r.Matchers[i].(*ir.Checksum); !ok || *c != w {
			t.Errorf("matcher %d = %#v, want %#v", i, r.Matchers[i], w)
		}
	}
	mustFail(t, `alert tcp any any -> any any (tcpv4-csum:maybe; sid:2;)`, diag.ErrBadValue, "tcpv4-csum")
}
