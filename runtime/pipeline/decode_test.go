package pipeline

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/flow"
)

// decodeRules: sids 1 and 3 are kernel-resident, sids 2 and 4 run in
// userspace.
const decodeRules = `alert tcp any any -> any 80 (msg:"syn"; flags:S; sid:1;)
alert http any any -> any any (msg:"uri"; http.uri; content:"/secret"; sid:2;)
alert udp any any -> any 53 (msg:"dns"; content:"needle"; sid:3;)
alert udp any any -> any any (msg:"udp pcre"; content:"needle"; pcre:"/needle/"; sid:4;)
`

// conn builds the frames of a TCP connection that requests /secret.
type conn struct {
	src, dst netip.Addr
	sport    uint16
	vlans    []uint16
	ext      []uint8 // IPv6 extension headers (8 bytes each) in every frame
}

func (c conn) frame(toServer bool, flags uint8, seq, ack uint32, payload string) []byte {
	s := pktgen.Spec{Src: c.src, Dst: c.dst, Proto: 6, Sport: c.sport, Dport: 80, TCPFlags: flags, Seq: seq, Ack: ack, VLANs: c.vlans, Payload: []byte(payload)}
	if !toServer {
		s.Src, s.Dst, s.Sport, s.Dport = c.dst, c.src, 80, c.sport
	}
	return withExtHeaders(pktgen.Build(s), 14+4*len(c.vlans), c.ext)
}

func (c conn) frames() [][]byte {
	req := "GET /secret HTTP/1.1\r\nHost: x\r\n\r\n"
	resp := "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
	return [][]byte{
		c.frame(true, 0x02, 100, 0, ""),
		c.frame(false, 0x12, 500, 101, ""),
		c.frame(true, 0x10, 101, 501, ""),
		c.frame(true, 0x18, 101, 501, req),
		c.frame(false, 0x18, 501, 101+uint32(len(req)), resp),
		// IDS: the request, parsed on the response's ACK, is inspected
		// on the client's next packet
		c.frame(true, 0x10, 101+uint32(len(req)), 501+uint32(len(resp)), ""),
	}
}

// withExtHeaders inserts IPv6 extension headers after the IPv6 header at
// ip: an atomic fragment header (offset 0, no more), AH of 8 bytes, the
// others with a PadN option.
func withExtHeaders(frame []byte, ip int, ext []uint8) []byte {
	if len(ext) == 0 {
		return frame
	}
	out := append([]byte(nil), frame[:ip+40]...)
	next := append(append([]uint8(nil), ext...), out[ip+6])
	out[ip+6] = next[0]
	for i, h := range ext {
		switch h {
		case 44:
			out = append(out, next[i+1], 0, 0, 0, 0, 0, 0, 9)
		case 51:
			out = append(out, next[i+1], 0, 0, 0, 0, 0, 0, 1)
		default:
			out = append(out, next[i+1], 0, 1, 4, 0, 0, 0, 0)
		}
	}
	out = append(out, frame[ip+40:]...)
	binary.BigEndian.PutUint16(out[ip+4:], uint16(len(out)-ip-40))
	return out
}

type alertRecord struct {
	FlowID uint64 `json:"flow_id"`
	PktSrc string `json:"pkt_src"`
	Alert  struct {
		SID uint64 `json:"signature_id"`
	} `json:"alert"`
	Rulec struct {
		Tier string `json:"tier"`
	} `json:"rulec"`
}

// runFrames runs frames through a pipeline with decodeRules and returns
// its alerts and the tracker's counters.
func runFrames(t *testing.T, kernelTier string, frames [][]byte) ([]alertRecord, *engine.Stats) {
	t.Helper()
	return runFramesEvery(t, kernelTier, frames, time.Millisecond)
}

// runFramesEvery is runFrames with frames gap apart in packet time.
func runFramesEvery(t *testing.T, kernelTier string, frames [][]byte, gap time.Duration) ([]alertRecord, *engine.Stats) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.rules")
	if err := os.WriteFile(path, []byte(decodeRules), 0o600); err != nil {
		t.Fatal(err)
	}
	var eve bytes.Buffer
	p, err := Open(compileObject(t, path), Config{Kernel: kernelTier, Flow: flow.DefaultConfig(), EVE: &eve, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := time.Unix(1700000000, 0)
	for i, fr := range frames {
		if _, err := p.Engine.Frame(ts.Add(time.Duration(i)*gap), fr); err != nil {
			t.Fatal(err)
		}
	}
	st := p.Engine.Stats()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	var out []alertRecord
	for _, line := range bytes.Split(bytes.TrimSpace(eve.Bytes()), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var a alertRecord
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		out = append(out, a)
	}
	return out, st
}

// eachKernelTier runs f with the reference evaluator, then with the real
// classifier when BPF programs load here.
func eachKernelTier(t *testing.T, f func(t *testing.T, tier string)) {
	for _, tier := range []string{KernelReference, KernelBPF} {
		t.Run(tier, func(t *testing.T) {
			if tier == KernelBPF {
				bpftest.Require(t)
			}
			f(t, tier)
		})
	}
}

// TestOneFlowIDForBothTiers: the kernel alert (SYN) and the userspace alert
// (http.uri) of one connection carry the same flow_id, through both kernel
// tiers, for VLAN-tagged IPv4 and for IPv6 behind six extension headers;
// the connections' ids differ.
func TestOneFlowIDForBothTiers(t *testing.T) {
	conns := []conn{
		{src: netip.MustParseAddr("10.0.0.1"), dst: netip.MustParseAddr("10.0.0.2"), sport: 40000, vlans: []uint16{100, 200}},
		{src: netip.MustParseAddr("2001:db8::1"), dst: netip.MustParseAddr("2001:db8::2"), sport: 40001, ext: []uint8{0, 60, 43, 44, 51, 60}},
		{src: netip.MustParseAddr("2001:db8::1"), dst: netip.MustParseAddr("2001:db8::2"), sport: 40002, ext: []uint8{0, 60, 43, 44, 60}},
	}
	eachKernelTier(t, func(t *testing.T, tier string) {
		var frames [][]byte
		for _, c := range conns {
			frames = append(frames, c.frames()...)
		}
		alerts, _ := runFrames(t, tier, frames)
		if len(alerts) != 2*len(conns) {
			t.Fatalf("alerts %+v, want a kernel and a userspace alert per connection", alerts)
		}
		seen := map[uint64]bool{}
		for i := 0; i < len(alerts); i += 2 {
			k, u := alerts[i], alerts[i+1]
			if k.Alert.SID != 1 || k.Rulec.Tier != "kernel" || u.Alert.SID != 2 || u.Rulec.Tier != "userspace" {
				t.Fatalf("connection %d: alerts %+v then %+v", i/2, k, u)
			}
			if k.FlowID == 0 || k.FlowID != u.FlowID || seen[k.FlowID] {
				t.Errorf("connection %d: kernel flow_id %d, userspace %d (ids so far %v)", i/2, k.FlowID, u.FlowID, seen)
			}
			seen[k.FlowID] = true
		}
	})
}

// TestFourVLANTagsRaiseTheEvent: a frame with four VLAN tags reaches the
// userspace decoder, which counts vlan.too_many_layers.
func TestFourVLANTagsRaiseTheEvent(t *testing.T) {
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	frame := pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 17, Sport: 1, Dport: 53, VLANs: []uint16{1, 2, 3, 4}, Payload: []byte("needle")})
	eachKernelTier(t, func(t *testing.T, tier string) {
		_, st := runFrames(t, tier, [][]byte{frame})
		if st.DecodeEvents["vlan.too_many_layers"] != 1 || st.DecodeErrors != 1 || st.Copies != 1 {
			t.Errorf("vlan.too_many_layers %d, decode errors %d, copies %d", st.DecodeEvents["vlan.too_many_layers"], st.DecodeErrors, st.Copies)
		}
	})
}

// fragment splits the IP packet of an Ethernet frame (IP header at ip,
// IPv6 with no extension headers) into fragments of packet id whose data
// is at most size bytes (a multiple of 8), in reverse order.
func fragment(frame []byte, ip, size int, id uint16) [][]byte {
	var out [][]byte
	if frame[ip]>>4 == 4 {
		hlen := int(frame[ip]&0x0f) * 4
		data := frame[ip+hlen:]
		for off := 0; off < len(data); off += size {
			end := min(off+size, len(data))
			f := append(append([]byte(nil), frame[:ip+hlen]...), data[off:end]...)
			binary.BigEndian.PutUint16(f[ip+2:], uint16(hlen+end-off))
			fo := uint16(off / 8)
			if end < len(data) {
				fo |= 0x2000
			}
			binary.BigEndian.PutUint16(f[ip+4:], id)
			binary.BigEndian.PutUint16(f[ip+6:], fo)
			out = append([][]byte{f}, out...)
		}
		return out
	}
	data, next := frame[ip+40:], frame[ip+6]
	for off := 0; off < len(data); off += size {
		end := min(off+size, len(data))
		f := append([]byte(nil), frame[:ip+40]...)
		f[ip+6] = 44
		fo := uint16(off)
		if end < len(data) {
			fo |= 1
		}
		f = append(f, next, 0)
		f = binary.BigEndian.AppendUint16(f, fo)
		f = binary.BigEndian.AppendUint32(f, uint32(id))
		f = append(f, data[off:end]...)
		binary.BigEndian.PutUint16(f[ip+4:], uint16(8+end-off))
		out = append([][]byte{f}, out...)
	}
	return out
}

// fragmentedTraffic is, over IPv4 then IPv6, a UDP datagram (sids 3 and 4)
// and an HTTP request (sid 2, after a SYN: sid 1) sent in fragments.
func fragmentedTraffic() [][]byte {
	payload := []byte(strings.Repeat("q", 40) + "needle" + strings.Repeat("q", 30))
	var frames [][]byte
	for i, addrs := range [][2]string{{"10.0.0.1", "10.0.0.2"}, {"2001:db8::1", "2001:db8::2"}} {
		src, dst := netip.MustParseAddr(addrs[0]), netip.MustParseAddr(addrs[1])
		dgram := pktgen.Build(pktgen.Spec{Src: src, Dst: dst, Proto: 17, Sport: 5000, Dport: 53, Payload: payload})
		frames = append(frames, fragment(dgram, 14, 24, 1)...)
		c := conn{src: src, dst: dst, sport: uint16(41000 + i)}
		hs := c.frames()
		frames = append(frames, hs[:3]...)
		frames = append(frames, fragment(hs[3], 14, 16, 2)...)
		frames = append(frames, hs[4])
		// the client's next packet, where IDS mode inspects the request
		// the server acknowledged, in fragments too
		frames = append(frames, fragment(hs[5], 14, 16, 3)...)
	}
	return frames
}

// TestFragmentedPacketsAlert: a UDP datagram (a kernel-tier content rule)
// and an HTTP request (a userspace http.uri rule) split into IPv4 and IPv6
// fragments alert once each, after reassembly, through both kernel tiers.
func TestFragmentedPacketsAlert(t *testing.T) {
	frames := fragmentedTraffic()
	eachKernelTier(t, func(t *testing.T, tier string) {
		alerts, st := runFrames(t, tier, frames)
		got := map[uint64]int{}
		for _, a := range alerts {
			got[a.Alert.SID]++
			want := "defrag" // the SYN (sid 1) is not fragmented
			if a.Alert.SID == 1 {
				want = "wire/pcap"
			}
			if a.PktSrc != want {
				t.Errorf("sid %d: pkt_src %q, want %s", a.Alert.SID, a.PktSrc, want)
			}
		}
		if got[1] != 2 || got[2] != 2 || got[3] != 2 || got[4] != 2 {
			t.Errorf("alerts by sid %v, want sids 1 to 4 twice (IPv4, IPv6): not on fragments, once reassembled", got)
		}
		if st.Reassembled != [2]uint64{3, 3} || st.Fragments[0] == 0 || st.Fragments[1] == 0 || st.Copies != uint64(len(frames)) {
			t.Errorf("fragments %v, reassembled %v, copies %d of %d frames", st.Fragments, st.Reassembled, st.Copies, len(frames))
		}
	})
}

// TestDefragLossesCounted: an overlapping fragment raises its event;
// fragments a minute apart leave two packets unfinished past the timeout.
func TestDefragLossesCounted(t *testing.T) {
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	dgram := pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 17, Sport: 5000, Dport: 53, Payload: []byte(strings.Repeat("x", 64))})
	parts := fragment(dgram, 14, 32, 1) // last, middle, first
	frames := [][]byte{parts[2], parts[2]}
	eachKernelTier(t, func(t *testing.T, tier string) {
		_, st := runFrames(t, tier, frames)
		if st.DecodeEvents["ipv4.frag_overlap"] != 1 || st.Reassembled[0] != 0 {
			t.Errorf("overlap events %d, reassembled %v", st.DecodeEvents["ipv4.frag_overlap"], st.Reassembled)
		}
	})
	late := [][]byte{parts[2], parts[1], parts[0]}
	eachKernelTier(t, func(t *testing.T, tier string) {
		_, st := runFramesEvery(t, tier, late, 61*time.Second)
		if st.Limits["defrag_timeout"] != 2 || st.Reassembled[0] != 0 {
			t.Errorf("defrag timeouts %d, reassembled %v", st.Limits["defrag_timeout"], st.Reassembled)
		}
	})
}

// TestFragmentsGoWithTheirFlow: with workers, an ICMP or UDP packet and
// the fragments of a larger one between the same hosts have one owner, so
// the reassembled packet meets its flow.
func TestFragmentsGoWithTheirFlow(t *testing.T) {
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	for _, s := range []pktgen.Spec{{Src: a, Dst: b, Proto: 1, IType: 8}, {Src: a, Dst: b, Proto: 17, Sport: 5000, Dport: 53}} {
		small := pktgen.Build(s)
		s.Payload = []byte(strings.Repeat("x", 64))
		frames := append([][]byte{small}, fragment(pktgen.Build(s), 14, 32, 9)...)
		want := -1
		for i, fr := range frames {
			var d decode.Packet
			err := decode.Decode(fr, &d)
			if got := FlowOwner(&d, err, 7); want < 0 {
				want = got
			} else if got != want {
				t.Errorf("proto %d frame %d: worker %d, the unfragmented packet's %d", s.Proto, i, got, want)
			}
		}
	}
}

// TestFragmentedPacketsAlertWithWorkers: fragments of a packet may belong
// to another worker than its flow; the reassembled packet still meets its
// flow, and the alerts do not depend on the number of workers.
func TestFragmentedPacketsAlertWithWorkers(t *testing.T) {
	dir := t.TempDir()
	rules, pcap := filepath.Join(dir, "t.rules"), filepath.Join(dir, "frag.pcap")
	if err := os.WriteFile(rules, []byte(decodeRules), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(pcap)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i, fr := range fragmentedTraffic() {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000, int64(i)*1e6), CaptureLength: len(fr), Length: len(fr)}
		if err := w.WritePacket(ci, fr); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	o := compileObject(t, rules)
	one := runWorkers(t, o, pcap, 1)
	got := map[uint64]int{}
	for _, a := range one {
		got[a.SID]++
	}
	if got[1] != 2 || got[2] != 2 || got[3] != 2 || got[4] != 2 {
		t.Fatalf("one worker: alerts by sid %v, want sids 1 to 4 twice", got)
	}
	for _, n := range []int{2, 3, 4} {
		if alerts := runWorkers(t, o, pcap, n); !slices.Equal(alerts, one) {
			t.Errorf("%d workers: %d alerts differ from one worker's %d:\n%v", n, len(alerts), len(one), diffKeys(alerts, one))
		}
	}
}
