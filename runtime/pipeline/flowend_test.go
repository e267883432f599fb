package pipeline

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/rulec/rulec/internal/pktgen"
)

// TestPhase5AtFlowEnd: a request with no response, both sides closing
// with FIN, then the end of the capture. The WAF transaction is finished
// when the flow ends, so its phase 5 (logging) rules run.
func TestPhase5AtFlowEnd(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "waf.conf")
	os.WriteFile(rules, []byte(`SecRule REQUEST_URI "@contains /probe" "id:9000501,phase:5,pass,log,msg:'logging phase'"
SecRule REQUEST_URI "@contains /probe" "id:9000101,phase:1,pass,log,msg:'request phase'"
`), 0o644)
	o := compileObject(t, rules)
	pcap := filepath.Join(dir, "noresp.pcap")
	f, err := os.Create(pcap)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	cli, srv := netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("192.168.1.10")
	pkt := func(from, to netip.Addr, sp, dp uint16, flags uint8, seq, ack uint32, payload string) {
		b := pktgen.Build(pktgen.Spec{Src: from, Dst: to, Proto: 6, Sport: sp, Dport: dp, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)})
		ts = ts.Add(time.Millisecond)
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(b), Length: len(b)}, b); err != nil {
			t.Fatal(err)
		}
	}
	req := "GET /probe HTTP/1.1\r\nHost: shop.example\r\n\r\n"
	pkt(cli, srv, 40001, 80, 0x02, 1000, 0, "")
	pkt(srv, cli, 80, 40001, 0x12, 5000, 1001, "")
	pkt(cli, srv, 40001, 80, 0x10, 1001, 5001, "")
	pkt(cli, srv, 40001, 80, 0x18, 1001, 5001, req)
	pkt(srv, cli, 80, 40001, 0x10, 5001, 1001+uint32(len(req)), "")
	pkt(cli, srv, 40001, 80, 0x11, 1001+uint32(len(req)), 5001, "")
	pkt(srv, cli, 80, 40001, 0x11, 5001, 1002+uint32(len(req)), "")
	pkt(cli, srv, 40001, 80, 0x10, 1002+uint32(len(req)), 5002, "")
	f.Close()

	eve := string(runPcap(t, o, pcap, KernelReference))
	for _, sid := range []string{`"signature_id":9000101`, `"signature_id":9000501`} {
		if strings.Count(eve, sid) != 1 {
			t.Errorf("%s alerted %d times, want once:\n%s", sid, strings.Count(eve, sid), eve)
		}
	}
}
