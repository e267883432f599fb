package pipeline

import (
	"bytes"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flow"
)

// bypassRun runs a TCP flow whose server direction passes a 2,000-byte
// stream depth (ten 500-byte segments, the last with "LATE", then a
// 4-byte one), then a second request, through rules on a kernel tier.
func bypassRun(t *testing.T, rules, tier string) *engine.Stats {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := flow.DefaultConfig()
	cfg.StreamDepth = 2000
	p, err := Open(compileObject(t, dir), Config{Kernel: tier, Flow: cfg, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.80")
	seg := func(toServer bool, flags uint8, seq, ack uint32, payload string) []byte {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40000, Dport: 80, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport = srv, cli, 80, 40000
		}
		return pktgen.Build(s)
	}
	frames := [][]byte{seg(true, 0x02, 100, 0, ""), seg(false, 0x12, 500, 101, ""), seg(true, 0x10, 101, 501, ""),
		seg(true, 0x18, 101, 501, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n")}
	sseq := uint32(501)
	for i := range 10 {
		body := strings.Repeat("b", 500)
		if i == 9 {
			body = "LATE" + body[4:]
		}
		frames = append(frames, seg(false, 0x18, sseq, 128, body))
		sseq += 500
	}
	frames = append(frames, seg(false, 0x18, sseq, 128, "tiny"),
		seg(true, 0x18, 128, sseq+4, "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"))
	feedAndClose(t, p, frames)
	return p.Engine.Stats()
}

// A TCP direction past the stream depth gives no more stream or app-layer
// data (as in Suricata); with no userspace packet rule for it, the kernel
// tier is told to stop copying it, and does, in both kernel tiers: the
// seven server segments after the one crossing the depth are not copied.
// A userspace packet rule on that direction keeps it copied; one with
// dsize keeps only the lengths its dsize allows copied.
func TestBypassPastStreamDepth(t *testing.T) {
	stream := `alert tcp any any -> any 80 (msg:"req"; flow:established,to_server; content:"GET"; sid:1;)
alert tcp any 80 -> any any (msg:"late"; flow:established,to_client; content:"LATE"; sid:2;)
`
	packet := stream + `alert tcp-pkt any 80 -> any any (msg:"pkt"; flow:to_client; content:"LATE"; pcre:"/LATE/"; sid:3;)
`
	sized := stream + `alert tcp any 80 -> any any (msg:"tiny"; flow:to_client; dsize:<10; content:"tiny"; pcre:"/ti/"; sid:4;)
`
	eachKernelTier(t, func(t *testing.T, tier string) {
		st := bypassRun(t, stream, tier)
		if st.BypassedDirs != 1 || st.BypassedPkts != 7 || st.UninspectedBy["past_stream_depth"] != 0 || st.BySID[2] != 0 || st.BySID[1] == 0 {
			t.Errorf("%s: bypassed %d directions, %d packets, uninspected %v, alerts %v", tier, st.BypassedDirs, st.BypassedPkts, st.UninspectedBy, st.BySID)
		}
		if st.Copies != 16-7 {
			t.Errorf("%s: %d copies, want 9", tier, st.Copies)
		}
		st = bypassRun(t, packet, tier)
		if st.BypassedDirs != 0 || st.BypassedPkts != 0 || st.BySID[3] != 1 || st.Copies != 16 || st.UninspectedBy["past_stream_depth"] != 0 {
			t.Errorf("%s, packet rule: bypassed %d directions, %d packets, %d copies, alerts %v", tier, st.BypassedDirs, st.BypassedPkts, st.Copies, st.BySID)
		}
		st = bypassRun(t, sized, tier)
		if st.BypassedDirs != 1 || st.BypassedPkts != 6 || st.BySID[4] != 1 || st.Copies != 16-6 || st.UninspectedBy["past_stream_depth"] != 0 {
			t.Errorf("%s, dsize rule: bypassed %d directions, %d packets, %d copies, alerts %v", tier, st.BypassedDirs, st.BypassedPkts, st.Copies, st.BySID)
		}
	})
	var b bytes.Buffer
	(&engine.Stats{CopiedTotal: 1000, Uninspected: 1, UninspectedBytes: 30}).WriteTable(&b, time.Second)
	if !strings.Contains(b.String(), "copied, not inspected    1 packets, 30 bytes (3.0% of copied bytes)") {
		t.Errorf("summary:\n%s", b.String())
	}
}
