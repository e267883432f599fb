package engine

import (
	"net/netip"
	"testing"
	"time"

	"github.com/rulec/rulec/compiler/ir"
)

func TestXbits(t *testing.T) {
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	now := time.Unix(100, 0)
	x := newXbits()
	set := []ir.Bit{{Kind: "xbits", Cmd: "set", Names: []string{"n"}, Track: "ip_pair", Expire: 10}}
	isset := []ir.Bit{{Kind: "xbits", Cmd: "isset", Names: []string{"n"}, Track: "ip_pair"}}
	if x.holds(isset, a, b, now) {
		t.Fatal("set before any set")
	}
	x.apply(set, a, b, now)
	if !x.holds(isset, b, a, now.Add(5*time.Second)) {
		t.Error("ip_pair is not symmetric")
	}
	if x.holds(isset, a, b, now.Add(11*time.Second)) {
		t.Error("bit did not expire")
	}
	dst := []ir.Bit{{Kind: "xbits", Cmd: "set", Names: []string{"d"}, Track: "ip_dst", Expire: 10}}
	x.apply(dst, a, b, now)
	if !x.holds([]ir.Bit{{Kind: "xbits", Cmd: "isset", Names: []string{"d"}, Track: "ip_dst"}}, netip.MustParseAddr("9.9.9.9"), b, now) ||
		!x.holds([]ir.Bit{{Kind: "xbits", Cmd: "isset", Names: []string{"d"}, Track: "ip_src"}}, b, a, now) ||
		x.holds([]ir.Bit{{Kind: "xbits", Cmd: "isset", Names: []string{"d"}, Track: "ip_src"}}, a, b, now) {
		t.Error("host bits: set on the destination host, seen on that host as a source, not on others")
	}
}
