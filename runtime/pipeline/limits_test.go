package pipeline

import (
	"bytes"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/rulec/rulec/internal/demo"
	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/flow"
)

// What the tracker's bounds cut short reaches the engine's counters and
// the run summary.
func TestLimitsInSummary(t *testing.T) {
	o := compileObject(t, filepath.Join("..", "..", "rules"))
	pcap := demo.File(t)
	fc := flow.DefaultConfig()
	fc.MaxFlows = 1
	p := runConfig(t, o, Config{Kernel: KernelReference, Flow: fc, Offline: true}, pcap)
	st := p.Engine.Stats()
	if st.Limits["flow_evicted"] == 0 {
		t.Fatalf("limits %v: no eviction counted with a table of one flow", st.Limits)
	}
	var out bytes.Buffer
	st.WriteTable(&out, time.Second)
	if !strings.Contains(out.String(), "flow_evicted") {
		t.Errorf("summary without evictions:\n%s", out.String())
	}
}

// The case with the default settings: 65,536 SYNs from distinct
// sources between the two halves of an HTTP request. The SYN flows evict
// each other, the established connection keeps its request, the rule on
// its whole URI alerts, and the evictions are counted.
func TestSYNFloodBetweenRequestHalves(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "r.rules")
	if err := os.WriteFile(rules, []byte(`alert http any any -> any any (msg:"split uri"; http.uri; content:"/first-half/second-half"; sid:1;)`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, rules)
	pcap := filepath.Join(dir, "flood.pcap")
	f, err := os.Create(pcap)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	pkt := func(s pktgen.Spec) {
		b := pktgen.Build(s)
		ts = ts.Add(time.Microsecond)
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(b), Length: len(b)}, b); err != nil {
			t.Fatal(err)
		}
	}
	cli, srv := netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("192.168.1.10")
	c2s := func(flags uint8, seq uint32, payload string) {
		pkt(pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40001, Dport: 80, TCPFlags: flags, Seq: seq, Ack: 5001, Payload: []byte(payload)})
	}
	c2s(0x02, 1000, "")
	pkt(pktgen.Spec{Src: srv, Dst: cli, Proto: 6, Sport: 80, Dport: 40001, TCPFlags: 0x12, Seq: 5000, Ack: 1001})
	c2s(0x10, 1001, "")
	first := "GET /first-half"
	c2s(0x18, 1001, first)
	for i := range 65536 {
		src := netip.AddrFrom4([4]byte{172, 16 + byte(i>>16), byte(i >> 8), byte(i)})
		pkt(pktgen.Spec{Src: src, Dst: srv, Proto: 6, Sport: 1024, Dport: 80, TCPFlags: 0x02, Seq: 1})
	}
	c2s(0x18, 1001+uint32(len(first)), "/second-half HTTP/1.1\r\nHost: shop.example\r\n\r\n")
	f.Close()

	var eve bytes.Buffer
	p := runConfig(t, o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &eve, Offline: true}, pcap)
	if n := strings.Count(eve.String(), `"signature_id":1`); n != 1 {
		t.Errorf("%d alerts on the split request, want 1", n)
	}
	st := p.Engine.Stats()
	if st.Limits["flow_evicted"] == 0 || st.Limits["flow_evicted_established"] != 0 {
		t.Errorf("limits %v", st.Limits)
	}
}
