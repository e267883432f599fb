package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// inGRE wraps an Ethernet frame's IP packet in GRE over IPv4.
func inGRE(frame []byte) []byte {
	payload := append([]byte{0, 0, 0x08, 0x00}, frame[14:]...)
	return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("192.0.2.1"), Dst: netip.MustParseAddr("192.0.2.2"), Proto: 47, Payload: payload})
}

type tunnelRecord struct {
	EventType string `json:"event_type"`
	Proto     string `json:"proto"`
	PktSrc    string `json:"pkt_src"`
	Alert     struct {
		SID uint64 `json:"signature_id"`
	} `json:"alert"`
	Tunnel *struct {
		Src   string `json:"src_ip"`
		Proto string `json:"proto"`
		Depth int    `json:"depth"`
		Cnt   uint64 `json:"pcap_cnt"`
		Src2  string `json:"pkt_src"`
	} `json:"tunnel"`
}

// TestTunnelInnerPackets: the packets of a connection carried in GRE are
// inspected on their own, by the kernel tier's rules (the SYN) and the
// userspace tier's (http.uri), with pkt_src "gre tunnel" and the outer
// packet in the tunnel object; the outer and inner flows both get flow
// records.
func TestTunnelInnerPackets(t *testing.T) {
	c := conn{src: netip.MustParseAddr("10.0.0.1"), dst: netip.MustParseAddr("10.0.0.2"), sport: 40000}
	var frames [][]byte
	for _, f := range c.frames() {
		frames = append(frames, inGRE(f))
	}
	eachKernelTier(t, func(t *testing.T, tier string) {
		path := filepath.Join(t.TempDir(), "t.rules")
		if err := os.WriteFile(path, []byte(decodeRules), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		p, err := Open(compileObject(t, path), Config{Kernel: tier, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Records: eve.Types{"alert": true, "flow": true}})
		if err != nil {
			t.Fatal(err)
		}
		for i, fr := range frames {
			if _, err := p.Engine.Frame(time.Unix(1700000000, int64(i)), fr); err != nil {
				t.Fatal(err)
			}
		}
		st := p.Engine.Stats()
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		var sids []uint64
		flows := map[string]int{}
		for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			var r tunnelRecord
			if err := json.Unmarshal(line, &r); err != nil {
				t.Fatal(err)
			}
			switch r.EventType {
			case "alert":
				sids = append(sids, r.Alert.SID)
				if r.PktSrc != "gre tunnel" || r.Tunnel == nil || r.Tunnel.Src != "192.0.2.1" || r.Tunnel.Proto != "GRE" || r.Tunnel.Depth != 1 || r.Tunnel.Src2 != "wire/pcap" || r.Tunnel.Cnt == 0 {
					t.Errorf("alert %s", line)
				}
			case "flow":
				flows[r.Proto]++
			}
		}
		if len(sids) != 2 || sids[0] != 1 || sids[1] != 2 {
			t.Errorf("alerts %v, want the kernel tier's sid 1 then the userspace tier's sid 2", sids)
		}
		if flows["GRE"] != 1 || flows["TCP"] != 1 {
			t.Errorf("flow records %v, want the GRE flow and the TCP flow inside", flows)
		}
		if st.Tunneled != uint64(len(frames)) || st.CopiedPackets["tunnel"] != uint64(len(frames)) {
			t.Errorf("tunneled %d, copied for the tunnel %d, want %d", st.Tunneled, st.CopiedPackets["tunnel"], len(frames))
		}
	})
}

// inERSPAN wraps an Ethernet frame in ERSPAN type II (session VLAN 23)
// over GRE over IPv4.
func inERSPAN(frame []byte) []byte {
	payload := append([]byte{0x10, 0, 0x88, 0xbe, 0, 0, 0, 1, 0x10, 23, 0, 0, 0, 0, 0, 0}, frame...)
	return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("192.0.2.1"), Dst: netip.MustParseAddr("192.0.2.2"), Proto: 47, Payload: payload})
}

// TestERSPANInnerICMP: an ICMP echo mirrored in ERSPAN type II is
// inspected with the session's VLAN: the kernel tier's alert and the
// flow record carry the VLAN and the ICMP types, and the flow counts the
// bytes the ERSPAN payload had of each packet.
func TestERSPANInnerICMP(t *testing.T) {
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	req := pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 1, IType: 8, Payload: []byte("ping")})
	rep := pktgen.Build(pktgen.Spec{Src: b, Dst: a, Proto: 1, IType: 0, Payload: []byte("ping")})
	eachKernelTier(t, func(t *testing.T, tier string) {
		path := filepath.Join(t.TempDir(), "t.rules")
		if err := os.WriteFile(path, []byte("alert icmp any any -> any any (itype:8; sid:1;)\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		p, err := Open(compileObject(t, path), Config{Kernel: tier, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Records: eve.Types{"alert": true, "flow": true}})
		if err != nil {
			t.Fatal(err)
		}
		for i, fr := range [][]byte{inERSPAN(req), inERSPAN(rep)} {
			if _, err := p.Engine.Frame(time.Unix(1700000000, int64(i)), fr); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		for _, want := range []string{
			`"event_type":"alert","vlan":[23],"ip_v":4,"src_ip":"10.0.0.1","dest_ip":"10.0.0.2","proto":"ICMP","icmp_type":8,"icmp_code":0,"pkt_src":"gre tunnel"`,
			`"event_type":"flow","vlan":[23],"ip_v":4,"src_ip":"10.0.0.1","dest_ip":"10.0.0.2","proto":"ICMP","icmp_type":8,"icmp_code":0,"response_icmp_type":0,"response_icmp_code":0`,
			fmt.Sprintf(`"bytes_toclient":%d,"bytes_toserver":%d`, 8+len(rep), 8+len(req)),
		} {
			if !strings.Contains(text, want) {
				t.Errorf("EVE lacks %s:\n%s", want, text)
			}
		}
	})
}

// inGREPPP wraps an Ethernet frame's IPv4 packet in GRE (protocol PPP)
// over IPv4, behind a one-byte PPP protocol field (0x21, IPv4).
func inGREPPP(frame []byte) []byte {
	payload := append([]byte{0, 0, 0x88, 0x0b, 0x21}, frame[14:]...)
	return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("192.0.2.1"), Dst: netip.MustParseAddr("192.0.2.2"), Proto: 47, Payload: payload})
}

// TestTunnelInnerPacketRecord: an alert on a tunnel's inner packet shows
// Suricata's pseudo packet of it: the tunnel's payload (here the PPP
// header, then the inner IP packet) as a raw record (linktype 12), no
// ether object; for fragments carried in the tunnel, the reassembled
// packet behind the first fragment's PPP header.
func TestTunnelInnerPacketRecord(t *testing.T) {
	udp := func(n int) []byte {
		return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Proto: 17, Sport: 1111, Dport: 9999, Payload: bytes.Repeat([]byte("A"), n)})
	}
	whole := udp(3000)
	small := udp(100)
	frames := [][]byte{inGREPPP(small)}
	for _, f := range fragment(whole, 14, 512, 7) {
		frames = append(frames, inGREPPP(f))
	}
	eachKernelTier(t, func(t *testing.T, tier string) {
		path := filepath.Join(t.TempDir(), "t.rules")
		if err := os.WriteFile(path, []byte("alert udp any any -> any any (dsize:>50; sid:1;)\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		rec := eve.Types{"alert": true, eve.AlertPacket: true, eve.Ethernet: true}
		p, err := Open(compileObject(t, path), Config{Kernel: tier, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Records: rec})
		if err != nil {
			t.Fatal(err)
		}
		for i, fr := range frames {
			if _, err := p.Engine.Frame(time.Unix(1700000000, int64(i)), fr); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		var got [][]byte
		for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			var r struct {
				EventType string          `json:"event_type"`
				Packet    []byte          `json:"packet"`
				Ether     json.RawMessage `json:"ether"`
				Info      struct {
					LinkType int `json:"linktype"`
				} `json:"packet_info"`
			}
			if err := json.Unmarshal(line, &r); err != nil {
				t.Fatal(err)
			}
			if r.EventType != "alert" {
				continue
			}
			if r.Info.LinkType != 12 || r.Ether != nil {
				t.Errorf("alert linktype %d, ether %s; want 12 (raw) and none", r.Info.LinkType, r.Ether)
			}
			got = append(got, r.Packet)
		}
		want := [][]byte{append([]byte{0x21}, small[14:]...), append([]byte{0x21}, whole[14:]...)}
		want[1][1+5] = 7 // the fragments' IP id; the checksum is not compared
		if len(got) != len(want) {
			t.Fatalf("%d alerts, want %d", len(got), len(want))
		}
		for i := range want {
			if len(got[i]) != len(want[i]) || !bytes.Equal(got[i][:11], want[i][:11]) || !bytes.Equal(got[i][13:], want[i][13:]) {
				t.Errorf("alert %d: packet of %d bytes starting % x, want %d bytes starting % x", i, len(got[i]), got[i][:min(8, len(got[i]))], len(want[i]), want[i][:8])
			}
		}
	})
}
