package pipeline

import (
	"encoding/json"
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

// TestFlowEndPseudoPackets: Suricata's flow end pseudo packet of each
// direction of a session still established at the end of the capture
// runs the app-layer rules without keywords (sid 1), not the packet rules
// (sid 2, flow:established makes it one); those alerts have no pcap_cnt.
// A session closed with FIN whose data was all inspected gets none.
func TestFlowEndPseudoPackets(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "t.rules")
	os.WriteFile(rules, []byte(`alert http any any -> any any (msg:"http"; sid:1;)
alert http any any -> any any (msg:"http established"; flow:established; sid:2;)
`), 0o644)
	o := compileObject(t, rules)
	pcap := filepath.Join(dir, "open.pcap")
	f, err := os.Create(pcap)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	cli, srv := netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("192.168.1.10")
	pkt := func(toServer bool, sp uint16, flags uint8, seq, ack uint32, payload string) {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: sp, Dport: 80, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport = srv, cli, 80, sp
		}
		b := pktgen.Build(s)
		ts = ts.Add(time.Millisecond)
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(b), Length: len(b)}, b); err != nil {
			t.Fatal(err)
		}
	}
	req := "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
	resp := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
	q, r := uint32(len(req)), uint32(len(resp))
	for _, sp := range []uint16{40001, 40002} {
		pkt(true, sp, 0x02, 1000, 0, "")
		pkt(false, sp, 0x12, 5000, 1001, "")
		pkt(true, sp, 0x10, 1001, 5001, "")
		pkt(true, sp, 0x18, 1001, 5001, req)
		pkt(false, sp, 0x18, 5001, 1001+q, resp)
		pkt(true, sp, 0x10, 1001+q, 5001+r, "")
		if sp == 40002 {
			pkt(false, sp, 0x11, 5001+r, 1001+q, "")
			pkt(true, sp, 0x11, 1001+q, 5002+r, "")
			pkt(false, sp, 0x10, 5002+r, 1002+q, "")
		}
	}
	f.Close()

	type rec struct {
		EventType string `json:"event_type"`
		PcapCnt   *int   `json:"pcap_cnt"`
		PktSrc    string `json:"pkt_src"`
		SrcIP     string `json:"src_ip"`
		SrcPort   uint16 `json:"src_port"`
		DestPort  uint16 `json:"dest_port"`
		Alert     struct {
			SID int `json:"signature_id"`
		} `json:"alert"`
	}
	eve := runPcap(t, o, pcap, KernelReference)
	// by client port, sid: alerts on packets, and the src_ip of alerts
	// on pseudo packets
	onPackets := map[[2]int]int{}
	pseudo := map[[2]int][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(eve)), "\n") {
		var e rec
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if e.EventType != "alert" {
			continue
		}
		port := int(e.SrcPort)
		if e.SrcPort == 80 {
			port = int(e.DestPort)
		}
		k := [2]int{port, e.Alert.SID}
		if e.PcapCnt == nil {
			if e.PktSrc != "stream (flow timeout)" {
				t.Errorf("alert without pcap_cnt has pkt_src %q", e.PktSrc)
			}
			pseudo[k] = append(pseudo[k], e.SrcIP)
			continue
		}
		onPackets[k]++
	}
	if onPackets[[2]int{40001, 1}] == 0 || onPackets[[2]int{40001, 1}] != onPackets[[2]int{40001, 2}] ||
		onPackets[[2]int{40002, 1}] != onPackets[[2]int{40002, 2}] {
		t.Errorf("alerts on packets %v, want sid 1 alike sid 2 per flow:\n%s", onPackets, eve)
	}
	if got := pseudo[[2]int{40001, 1}]; len(got) != 2 || got[0] != cli.String() || got[1] != srv.String() {
		t.Errorf("established flow's pseudo packet alerts from %v, want to server then to client:\n%s", got, eve)
	}
	for _, k := range [][2]int{{40001, 2}, {40002, 1}, {40002, 2}} {
		if len(pseudo[k]) != 0 {
			t.Errorf("port %d sid %d alerted on pseudo packets from %v:\n%s", k[0], k[1], pseudo[k], eve)
		}
	}
}
