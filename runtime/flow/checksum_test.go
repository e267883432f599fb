package flow

import (
	"net/netip"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

// TestChecksumKeywords computes each checksum keyword's result on frames
// with correct checksums, then with one checksum byte changed: UDP over
// IPv4 with no checksum (zero) is neither valid nor invalid, and with
// checksums ignored (-k none) a bad checksum is taken as valid.
func TestChecksumKeywords(t *testing.T) {
	v4a, v4b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	v6a, v6b := netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::2")
	cases := []struct {
		proto  string
		spec   pktgen.Spec
		csumAt int // the checksum's offset from the frame start (Ethernet 14 + IP header)
	}{
		{"ipv4", pktgen.Spec{Src: v4a, Dst: v4b, Proto: 6, Sport: 1, Dport: 80, TCPFlags: 0x02}, 14 + 10},
		{"tcpv4", pktgen.Spec{Src: v4a, Dst: v4b, Proto: 6, Sport: 1, Dport: 80, TCPFlags: 0x18, Payload: []byte("odd")}, 14 + 20 + 16},
		{"tcpv6", pktgen.Spec{Src: v6a, Dst: v6b, Proto: 6, Sport: 1, Dport: 80, TCPFlags: 0x18, Payload: []byte("data")}, 14 + 40 + 16},
		{"udpv4", pktgen.Spec{Src: v4a, Dst: v4b, Proto: 17, Sport: 53, Dport: 53, Payload: []byte("query")}, 14 + 20 + 6},
		{"udpv6", pktgen.Spec{Src: v6a, Dst: v6b, Proto: 17, Sport: 53, Dport: 53, Payload: []byte("query")}, 14 + 40 + 6},
		{"icmpv4", pktgen.Spec{Src: v4a, Dst: v4b, Proto: 1, IType: 8, Payload: []byte("ping")}, 14 + 20 + 2},
		{"icmpv6", pktgen.Spec{Src: v6a, Dst: v6b, Proto: 58, IType: 128, Payload: []byte("ping")}, 14 + 40 + 2},
	}
	check := func(name string, frame []byte, ignore bool, proto string, wantValid, wantOK bool) {
		t.Helper()
		cfg := DefaultConfig()
		cfg.IgnoreChecksums = ignore
		tr, _ := newTracker(cfg)
		p, err := tr.Frame(t0, frame)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if valid, ok := p.Checksum(proto); valid != wantValid || ok != wantOK {
			t.Errorf("%s: %s-csum valid %v ok %v, want %v %v", name, proto, valid, ok, wantValid, wantOK)
		}
	}
	for _, c := range cases {
		good := pktgen.Build(c.spec)
		check(c.proto+" correct", good, false, c.proto, true, true)
		bad := append([]byte(nil), good...)
		bad[c.csumAt] ^= 0x5a
		check(c.proto+" corrupted", bad, false, c.proto, false, true)
		check(c.proto+" corrupted, -k none", bad, true, c.proto, true, true)
	}
	tcp4 := pktgen.Build(cases[1].spec)
	for _, other := range []string{"tcpv6", "udpv4", "icmpv4", "icmpv6"} {
		check("tcp over ipv4 as "+other, tcp4, false, other, false, false)
	}
	noSum := pktgen.Build(cases[3].spec)
	noSum[14+20+6], noSum[14+20+7] = 0, 0
	check("udpv4 without checksum", noSum, false, "udpv4", false, false)
}
