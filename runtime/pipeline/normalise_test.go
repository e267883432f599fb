package pipeline

import (
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/flow"
)

// TestIPSNormalisedOverlap: in IPS mode a retransmission carrying other
// bytes than the stream accepted is rewritten before detection, so the
// kernel tier's packet rules (an alert and a drop on the new bytes) see
// the accepted bytes, in both kernel tiers, as inline Suricata's stream
// normalisation makes them; in IDS mode they see the packet as sent.
func TestIPSNormalisedOverlap(t *testing.T) {
	dir := t.TempDir()
	rules := `alert tcp-pkt any any -> any any (content:"EVIL"; sid:3;)
alert tcp-pkt any any -> any any (content:"GOOD"; sid:4;)
drop tcp-pkt any any -> any any (content:"VIL"; sid:5;)
`
	if err := os.WriteFile(filepath.Join(dir, "n.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, dir)
	cli, srv := netip.MustParseAddr("1.1.1.1"), netip.MustParseAddr("2.2.2.2")
	tcp := func(toServer bool, flags uint8, seq, ack uint32, payload string) []byte {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 12345, Dport: 8080, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport = srv, cli, 8080, 12345
		}
		return pktgen.Build(s)
	}
	frames := [][]byte{tcp(true, 0x02, 1, 0, ""), tcp(false, 0x12, 1000, 2, ""), tcp(true, 0x10, 2, 1001, ""),
		tcp(true, 0x18, 2, 1001, "GOOD"), tcp(true, 0x18, 2, 1001, "EVIL"), tcp(false, 0x10, 1001, 6, "")}
	for _, ips := range []bool{true, false} {
		eachKernelTier(t, func(t *testing.T, tier string) {
			p, err := Open(o, Config{Kernel: tier, Flow: flow.DefaultConfig(), Offline: true, IPS: ips})
			if err != nil {
				t.Fatal(err)
			}
			feedAndClose(t, p, frames)
			st := p.Engine.Stats()
			evil, good, drop := uint64(1), uint64(1), uint64(1)
			if ips {
				evil, good, drop = 0, 2, 0
			}
			if st.BySID[3] != evil || st.BySID[4] != good || st.BySID[5] != drop || st.Drops != drop {
				t.Errorf("IPS %v: alerts %v, %d drops; want sid 3 %d, sid 4 %d, sid 5 and drops %d", ips, st.BySID, st.Drops, evil, good, drop)
			}
		})
	}
}
