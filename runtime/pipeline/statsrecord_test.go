package pipeline

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// TestStatsRecordAtEnd: an offline IPS run with stats records on ends
// with one stats record of its totals: packets accepted and blocked (the
// server's data in SYN_RECV, a stream error) and the flow's end state.
func TestStatsRecordAtEnd(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.rules"), []byte("alert udp any any -> any 9 (sid:1;)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, dir)
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	tcp := func(toServer bool, flags uint8, seq, ack uint32, payload string) []byte {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40000, Dport: 25, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport = srv, cli, 25, 40000
		}
		return pktgen.Build(s)
	}
	frames := [][]byte{tcp(true, 0x02, 100, 0, ""), tcp(false, 0x12, 500, 101, ""), tcp(false, 0x18, 501, 101, "220 hi\r\n")}
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, IPS: true,
		Records: eve.Types{"alert": true, "stats": true}})
	if err != nil {
		t.Fatal(err)
	}
	feedAndClose(t, p, frames)
	var stats []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var ev map[string]any
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatal(err)
		}
		if ev["event_type"] == "stats" {
			stats = append(stats, ev["stats"].(map[string]any))
		}
	}
	if len(stats) != 1 {
		t.Fatalf("%d stats records, want 1:\n%s", len(stats), out.Bytes())
	}
	ips := stats[0]["ips"].(map[string]any)
	end := stats[0]["flow"].(map[string]any)["end"].(map[string]any)
	if ips["accepted"] != 2.0 || ips["blocked"] != 1.0 || ips["drop_reason"].(map[string]any)["stream_error"] != 1.0 ||
		end["state"].(map[string]any)["new"] != 1.0 || end["tcp_state"].(map[string]any)["syn_recv"] != 1.0 {
		t.Errorf("stats record %v", stats[0])
	}
}
