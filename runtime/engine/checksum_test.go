package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestChecksumRules: tcpv4-csum:invalid alerts on the packet whose TCP
// checksum is wrong, tcpv4-csum:valid on the other, and a UDP keyword on
// neither.
func TestChecksumRules(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"bad"; tcpv4-csum:invalid; sid:1;)
alert tcp any any -> any any (msg:"good"; tcpv4-csum:valid; sid:2;)
alert ip any any -> any any (msg:"udp"; udpv4-csum:valid; sid:3;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	good := pktgen.Build(pktgen.Spec{Src: f.Client, Dst: f.Server, Proto: 6, Sport: f.ClientPort, Dport: f.ServerPort, TCPFlags: 0x18, Payload: []byte("x")})
	bad := append([]byte(nil), good...)
	bad[14+20+16] ^= 1
	for _, frame := range [][]byte{bad, good} {
		var d decode.Packet
		if err := decode.Decode(frame, &d); err != nil {
			t.Fatal(err)
		}
		u := packetUnit(f, inspect.ToServer, "x")
		p := u.Packet
		p.Frame, p.Family, p.NetOff, p.L4Off, p.NetEnd, p.L4 = frame, d.Family, d.NetOff, d.L4Off, d.NetEnd, d.L4
		h.frame(t, u)
	}
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2}) {
		t.Errorf("alerts %v, want 1 on the corrupted packet, then 2", got)
	}
}
