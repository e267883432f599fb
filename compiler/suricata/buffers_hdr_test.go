package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestHeaderBufferKeywords(t *testing.T) {
	r := mustCompile(t, `alert tcp any any -> any any (tcp.hdr; content:"|02|"; offset:13; depth:1; ipv4.hdr; bsize:20; sid:1;)`)
	c := r.Matchers[0].(*ir.Content)
	s := r.Matchers[1].(*ir.Size)
	if c.Buffer.Name != "tcp.hdr" || s.Buffer.Name != "ipv4.hdr" {
		t.Fatalf("buffers %q %q", c.Buffer.Name, s.Buffer.Name)
	}
	mustCompile(t, `alert ip any any -> any any (udp.hdr; content:"|00 35|"; depth:2; sid:2;)`)
	mustCompile(t, `alert icmp any any -> any any (icmpv6.hdr; content:"|80|"; depth:1; sid:3;)`)
	mustFail(t, `alert udp any any -> any any (tcp.hdr; content:"|02|"; sid:4;)`, diag.ErrConflict, "tcp.hdr in a udp rule")
	mustFail(t, `alert tcp any any -> any any (icmpv4.hdr; content:"|08|"; sid:5;)`, diag.ErrConflict, "icmpv4.hdr in a tcp rule")
}
