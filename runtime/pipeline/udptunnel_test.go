package pipeline

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// inTeredo carries an Ethernet frame's IPv6 packet in UDP between two
// Teredo ends, neither on port 3544.
func inTeredo(frame []byte, toServer bool) []byte {
	sp, dp := uint16(3797), uint16(32900)
	src, dst := netip.MustParseAddr("192.168.2.16"), netip.MustParseAddr("65.55.158.81")
	if !toServer {
		sp, dp, src, dst = dp, sp, dst, src
	}
	return pktgen.Build(pktgen.Spec{Src: src, Dst: dst, Proto: 17, Sport: sp, Dport: dp, Payload: frame[14:]})
}

// TestTeredoPortConfig: Teredo off port 3544 is decoded, and its inner
// packets inspected, when the decoder configuration has no Teredo ports
// (a suricata.yaml without decoder.teredo.ports), not with the default
// suricata.yaml's 3544; one worker or two, which decode the frames to
// give them to their flow's worker; the kernel tier copies the datagrams
// up for the tunnel under the same configuration.
func TestTeredoPortConfig(t *testing.T) {
	a, b := netip.MustParseAddr("2001:0:4137:9e50:8000:f12a:b9c8:2815"), netip.MustParseAddr("2001:4860:0:2001::68")
	frames := [][]byte{
		inTeredo(pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 58, IType: 128, Payload: []byte("ping")}), true),
		inTeredo(pktgen.Build(pktgen.Spec{Src: b, Dst: a, Proto: 58, IType: 129, Payload: []byte("ping")}), false),
	}
	dir := t.TempDir()
	pcap, rules := filepath.Join(dir, "t.pcap"), filepath.Join(dir, "t.rules")
	writeFrames(t, pcap, frames)
	if err := os.WriteFile(rules, []byte("alert icmp any any -> any any (itype:128; sid:1;)\nalert udp any any -> any any (sid:2;)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, rules)
	anyPort, err := decode.NewConfig(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	eachKernelTier(t, func(t *testing.T, tier string) {
		teredoPortConfig(t, tier, o, pcap, anyPort)
	})
}

func teredoPortConfig(t *testing.T, tier string, o *object.Object, pcap string, anyPort decode.Config) {
	for _, c := range []struct {
		name    string
		decoder decode.Config
		inner   int
	}{{"default suricata.yaml", decode.DefaultConfig(), 0}, {"no teredo ports", anyPort, 1}} {
		for _, workers := range []int{1, 2} {
			fc := flow.DefaultConfig()
			fc.Decoder = c.decoder
			var out bytes.Buffer
			p, err := Open(o, Config{Kernel: tier, Flow: fc, EVE: &out, Offline: true, Workers: workers, Records: eve.Types{"alert": true}})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.RunPcap(pcap, nil); err != nil {
				t.Fatal(err)
			}
			if got := p.Stats().CopiedPackets["tunnel"]; got != uint64(2*c.inner) {
				t.Errorf("%s, %d workers: %d datagrams copied for the tunnel, want %d", c.name, workers, got, 2*c.inner)
			}
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			sids := map[uint64]int{}
			for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
				var r tunnelRecord
				if err := json.Unmarshal(line, &r); err != nil {
					t.Fatal(err)
				}
				sids[r.Alert.SID]++
				if r.Alert.SID == 1 && (r.PktSrc != "teredo tunnel" || r.Tunnel == nil || r.Tunnel.Src != "192.168.2.16") {
					t.Errorf("%s, %d workers: alert %s", c.name, workers, line)
				}
			}
			if sids[1] != c.inner || sids[2] != 2 {
				t.Errorf("%s, %d workers: alerts by sid %v, want %d on the inner echo request and both outer datagrams", c.name, workers, sids, c.inner)
			}
		}
	}
}

// TestIDSDroppedFlowNotInspected: in IDS mode a reject acting on the flow
// (an IP-only rule) marks it dropped and alerts once: the later packets
// of the flow, the echo reply and a second request, are tracked but not
// inspected, as Suricata's DetectFlow skips a flow with FLOW_ACTION_DROP
// whatever the mode; plain, and inside Teredo.
func TestIDSDroppedFlowNotInspected(t *testing.T) {
	a, b := netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::2")
	echo := [][]byte{
		pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 58, IType: 128, Payload: []byte("ping")}),
		pktgen.Build(pktgen.Spec{Src: b, Dst: a, Proto: 58, IType: 129, Payload: []byte("ping")}),
		pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 58, IType: 128, Payload: []byte("ping")}),
	}
	var tunneled [][]byte
	for i, f := range echo {
		tunneled = append(tunneled, inTeredo(f, i != 1))
	}
	dir := t.TempDir()
	rules := filepath.Join(dir, "t.rules")
	if err := os.WriteFile(rules, []byte("reject icmp any any -> any any (sid:2;)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, rules)
	anyPort, err := decode.NewConfig(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, frames := range map[string][][]byte{"plain": echo, "teredo": tunneled} {
		pcap := filepath.Join(dir, name+".pcap")
		writeFrames(t, pcap, frames)
		fc := flow.DefaultConfig()
		fc.Decoder = anyPort
		var out bytes.Buffer
		runConfig(t, o, Config{Kernel: KernelReference, Flow: fc, EVE: &out, Offline: true, Records: eve.Types{"alert": true, "flow": true}}, pcap)
		alerts, dropped := 0, 0
		for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			var r struct {
				EventType string `json:"event_type"`
				Proto     string `json:"proto"`
				Flow      struct {
					Action string `json:"action"`
					Pkts   int    `json:"pkts_toserver"`
				} `json:"flow"`
			}
			if err := json.Unmarshal(line, &r); err != nil {
				t.Fatal(err)
			}
			switch {
			case r.EventType == "alert":
				alerts++
			case r.EventType == "flow" && r.Proto == "IPv6-ICMP" && r.Flow.Action == "drop" && r.Flow.Pkts == 2:
				dropped++
			}
		}
		if alerts != 1 || dropped != 1 {
			t.Errorf("%s: %d alerts, %d dropped echo flows with both requests; want the first request's alert and the flow dropped:\n%s", name, alerts, dropped, out.String())
		}
	}
}
