package pipeline

import (
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/flow"
)

// TestKernelDropScope: in IPS mode a kernel drop acts as Suricata's by
// the rule's kind, in both kernel tiers: a packet rule's drop (UDP
// content) drops its packet and the flow goes on (its next match alerts
// and drops again); an IP-only rule's drop drops the flow, whose later
// packets are dropped without alerts.
func TestKernelDropScope(t *testing.T) {
	dir := t.TempDir()
	rules := `drop udp any any -> any 53 (msg:"pkt"; content:"abc"; sid:1;)
drop ip 192.0.2.66 any -> any any (msg:"ip-only"; sid:2;)
`
	if err := os.WriteFile(filepath.Join(dir, "d.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, dir)
	udp := func(src string, payload string) []byte {
		return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr(src), Dst: netip.MustParseAddr("10.0.0.53"), Proto: 17,
			Sport: 30000, Dport: 53, Payload: []byte(payload)})
	}
	frames := [][]byte{udp("10.0.0.1", "abc"), udp("10.0.0.1", "xyz"), udp("10.0.0.1", "abc"),
		udp("192.0.2.66", "one"), udp("192.0.2.66", "two"), udp("192.0.2.66", "abc")}
	eachKernelTier(t, func(t *testing.T, tier string) {
		p, err := Open(o, Config{Kernel: tier, Flow: flow.DefaultConfig(), Offline: true, IPS: true})
		if err != nil {
			t.Fatal(err)
		}
		feedAndClose(t, p, frames)
		st := p.Engine.Stats()
		if st.BySID[1] != 2 || st.BySID[2] != 1 || st.Drops != 5 {
			t.Errorf("alerts %v, %d drops; want sid 1 twice, sid 2 once, 5 drops", st.BySID, st.Drops)
		}
	})
}
