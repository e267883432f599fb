package pipeline

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/flow"
)

// In IDS mode a drop rule acting on the flow (IP-only, in the userspace
// tier for its flowbit: the flow's first packet) marks the flow dropped,
// and Suricata inspects none of its later packets: the kernel tier's
// alert rule matching its ACK does not alert, while it does on another
// flow. Both kernel tiers.
func TestIDSKernelDropStopsTheFlowsAlerts(t *testing.T) {
	eachKernelTier(t, func(t *testing.T, tier string) {
		dir := t.TempDir()
		rules := "drop ip 10.0.0.1 any -> 192.0.2.80 any (msg:\"d\"; flowbits:set,seen; sid:1;)\n" +
			"alert tcp any any -> any 80 (msg:\"a\"; flags:A; sid:2;)\n"
		if err := os.WriteFile(filepath.Join(dir, "d.rules"), []byte(rules), 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		p, err := Open(compileObject(t, dir), Config{Kernel: tier, Flow: flow.DefaultConfig(), EVE: &out, Offline: true})
		if err != nil {
			t.Fatal(err)
		}
		srv := netip.MustParseAddr("192.0.2.80")
		seg := func(cli string, toServer bool, flags uint8, seq, ack uint32) []byte {
			s := pktgen.Spec{Src: netip.MustParseAddr(cli), Dst: srv, Proto: 6, Sport: 40000, Dport: 80, TCPFlags: flags, Seq: seq, Ack: ack}
			if !toServer {
				s.Src, s.Dst, s.Sport, s.Dport = s.Dst, s.Src, 80, 40000
			}
			return pktgen.Build(s)
		}
		var frames [][]byte
		for _, cli := range []string{"10.0.0.1", "10.0.0.2"} {
			frames = append(frames, seg(cli, true, 0x02, 100, 0), seg(cli, false, 0x12, 500, 101), seg(cli, true, 0x10, 101, 501))
		}
		feedAndClose(t, p, frames)
		got := map[string][]uint64{}
		for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			var ev struct {
				Type  string `json:"event_type"`
				Src   string `json:"src_ip"`
				Dst   string `json:"dest_ip"`
				Alert struct {
					SID uint64 `json:"signature_id"`
				} `json:"alert"`
			}
			if err := json.Unmarshal(line, &ev); err != nil {
				t.Fatal(err)
			}
			if ev.Type == "alert" {
				cli := ev.Src
				if cli == srv.String() {
					cli = ev.Dst
				}
				got[cli] = append(got[cli], ev.Alert.SID)
			}
		}
		if d, o := got["10.0.0.1"], got["10.0.0.2"]; len(d) != 1 || d[0] != 1 || len(o) != 1 || o[0] != 2 {
			t.Errorf("alerts by client %v: want the drop alone on the dropped flow, sid 2 on the other (its ACK)", got)
		}
	})
}
