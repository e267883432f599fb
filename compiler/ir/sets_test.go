package ir

import (
	"net/netip"
	"testing"
)

func pfx(s string) AddrSet { return AddrPrefix(netip.MustParsePrefix(s)) }

func TestAddrSetOps(t *testing.T) {
	cases := []struct {
		name string
		got  AddrSet
		want string
	}{
		{"minus", pfx("10.0.0.0/8").Minus(pfx("10.1.0.0/16")), "[10.0.0.0/16,10.2.0.0/15,10.4.0.0/14,10.8.0.0/13,10.16.0.0/12,10.32.0.0/11,10.64.0.0/10,10.128.0.0/9]"},
		{"union adjacent", pfx("10.0.0.0/9").Union(pfx("10.128.0.0/9")), "[10.0.0.0/8]"},
		{"complement v4", AnyAddr().Minus(pfx("0.0.0.0/1")).Minus(AddrSet{V6: AnyAddr().V6}), "[128.0.0.0/1]"},
		{"any", pfx("0.0.0.0/0").Union(pfx("::/0")), "any"},
		{"none", pfx("1.2.3.4/32").Minus(pfx("1.2.3.0/24")), "none"},
		{"range", AddrRange(netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.6")), "[10.0.0.1/32,10.0.0.2/31,10.0.0.4/31,10.0.0.6/32]"},
		{"v6", pfx("2001:db8::/32").Union(pfx("2001:db9::/32")), "[2001:db8::/31]"},
		{"complement twice", pfx("192.168.0.0/16").Complement().Complement(), "[192.168.0.0/16]"},
	}
	for _, c := range cases {
		if s := c.got.String(); s != c.want {
			t.Errorf("%s: got %s, want %s", c.name, s, c.want)
		}
	}
	home := pfx("192.168.0.0/16")
	if !home.Contains(netip.MustParseAddr("192.168.4.5")) || home.Contains(netip.MustParseAddr("10.0.0.1")) {
		t.Error("Contains wrong")
	}
	if home.Complement().Contains(netip.MustParseAddr("192.168.4.5")) || !home.Complement().Contains(netip.MustParseAddr("::1")) {
		t.Error("complement Contains wrong")
	}
}

func TestPortSetOps(t *testing.T) {
	s := AnyPort().Minus(PortRange(80, 80)).Minus(PortRange(0, 1023))
	if got := s.String(); got != "[1024:65535]" {
		t.Errorf("got %s", got)
	}
	u := PortRange(80, 80).Union(PortRange(81, 90)).Union(PortRange(8080, 8080))
	if got := u.String(); got != "[80:90,8080]" {
		t.Errorf("got %s", got)
	}
	if !PortRange(0, 65535).IsAny() || PortRange(1, 65535).IsAny() {
		t.Error("IsAny wrong")
	}
	if got := PortRange(0, 0).Complement().String(); got != "[1:65535]" {
		t.Errorf("complement got %s", got)
	}
}

func TestCovers(t *testing.T) {
	s := pfx("10.0.0.0/8").Union(pfx("2001:db8::/32"))
	for p, want := range map[string]bool{"10.1.0.0/16": true, "10.0.0.0/8": true, "0.0.0.0/0": false, "11.0.0.0/8": false, "2001:db8:1::/48": true, "::/0": false} {
		if got := s.Covers(netip.MustParsePrefix(p)); got != want {
			t.Errorf("Covers(%s) = %v", p, got)
		}
	}
}

func TestCmpBitOps(t *testing.T) {
	any6 := Cmp{Op: "&", A: 6}
	none6 := Cmp{Op: "!&", A: 6}
	for v, want := range map[int64][2]bool{0: {false, false}, 2: {true, false}, 16: {false, true}, 18: {true, false}} {
		if any6.Holds(v) != want[0] || none6.Holds(v) != want[1] {
			t.Errorf("%d: & %v !& %v, want %v", v, any6.Holds(v), none6.Holds(v), want)
		}
	}
}
