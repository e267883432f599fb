package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// TestTunnelFlowsDropApart: two flows inside one Teredo tunnel, an ICMPv6
// echo and an HTTP-port TCP handshake, are flows of their own, as in
// Suricata, where a tunnel's inner packets are pseudo packets with their
// own flows: a reject acting on the echo flow drops that flow alone (the
// TCP ACKs still alert, the outer UDP flow is not dropped), and a drop
// acting on the outer UDP flow leaves both inner flows inspected (the
// classifier copies the datagrams of a dropped flow up when they carry a
// tunnel). Both kernel tiers, IDS and IPS mode, the same records.
func TestTunnelFlowsDropApart(t *testing.T) {
	a, b := netip.MustParseAddr("2001:0:4137:9e50:8000:f12a:b9c8:2815"), netip.MustParseAddr("2001:4860:0:2001::68")
	echo := func(typ uint8) []byte {
		s := pktgen.Spec{Src: a, Dst: b, Proto: 58, IType: typ, Payload: []byte("ping")}
		if typ == 129 {
			s.Src, s.Dst = b, a
		}
		return pktgen.Build(s)
	}
	tcp := func(toServer bool, flags uint8, seq, ack uint32) []byte {
		s := pktgen.Spec{Src: a, Dst: b, Proto: 6, Sport: 1286, Dport: 80, TCPFlags: flags, Seq: seq, Ack: ack}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport = b, a, 80, 1286
		}
		return pktgen.Build(s)
	}
	frames := [][]byte{
		inTeredo(echo(128), true),
		inTeredo(tcp(true, 0x02, 100, 0), true),
		inTeredo(echo(129), false),
		inTeredo(tcp(false, 0x12, 500, 101), false),
		inTeredo(tcp(true, 0x10, 101, 501), true),
		inTeredo(echo(128), true),
		inTeredo(tcp(true, 0x10, 101, 501), true),
	}
	dir := t.TempDir()
	pcap := filepath.Join(dir, "t.pcap")
	writeFrames(t, pcap, frames)
	anyPort, err := decode.NewConfig(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	inner := "alert tcp any any -> any 80 (flags:A; sid:1;)\nreject icmp any any -> any any (sid:2;)\n"
	for _, c := range []struct {
		name, outer string
		alerts      map[string]int
		flows       map[string]string
	}{
		{"inner flow rejected", "alert udp any any -> any any (sid:3;)",
			map[string]int{"TCP 1": 2, "IPv6-ICMP 2": 1, "UDP 3": 2},
			map[string]string{"TCP": "", "IPv6-ICMP": "drop", "UDP": ""}},
		{"outer flow dropped", "drop udp any any -> any any (sid:3;)",
			map[string]int{"TCP 1": 2, "IPv6-ICMP 2": 1, "UDP 3": 1},
			map[string]string{"TCP": "", "IPv6-ICMP": "drop", "UDP": "drop"}},
	} {
		rules := filepath.Join(dir, "t.rules")
		if err := os.WriteFile(rules, []byte(inner+c.outer+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		o := compileObject(t, rules)
		eachKernelTier(t, func(t *testing.T, tier string) {
			for _, ips := range []bool{false, true} {
				fc := flow.DefaultConfig()
				fc.Decoder = anyPort
				var out bytes.Buffer
				runConfig(t, o, Config{Kernel: tier, Flow: fc, EVE: &out, Offline: true, IPS: ips, Records: eve.Types{"alert": true, "flow": true}}, pcap)
				alerts, flows := map[string]int{}, map[string]string{}
				for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
					var r struct {
						Type  string `json:"event_type"`
						Proto string `json:"proto"`
						Alert struct {
							SID uint64 `json:"signature_id"`
						} `json:"alert"`
						Flow struct {
							Action string `json:"action"`
						} `json:"flow"`
					}
					if err := json.Unmarshal(line, &r); err != nil {
						t.Fatal(err)
					}
					switch r.Type {
					case "alert":
						alerts[fmt.Sprintf("%s %d", r.Proto, r.Alert.SID)]++
					case "flow":
						flows[r.Proto] = r.Flow.Action
					}
				}
				if !maps.Equal(alerts, c.alerts) || !maps.Equal(flows, c.flows) {
					t.Errorf("%s, IPS %v: alerts %v, flow actions %v; want %v, %v", c.name, ips, alerts, flows, c.alerts, c.flows)
				}
			}
		})
	}
}
