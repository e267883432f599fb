package pipeline

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/internal/pktgen"
)

const tlsEquivRules = `alert tls any any -> any any (msg:"a"; flow:established,to_server; tls.sni; content:"evil.com"; nocase; endswith; sid:201;)
alert tls any any -> any any (msg:"b"; flow:to_server,established; tls.sni; dotprefix; content:".example"; endswith; sid:202;)
alert tls any any -> any any (msg:"c"; flow:to_server; tls.sni; content:"www"; startswith; bsize:>10; sid:203;)
alert tcp any any -> any any (msg:"d"; flow:established,to_server; tls.sni; content:"track"; isdataat:!1,relative; sid:204;)
alert tls any any -> any any (msg:"e"; flow:established; tls.sni; content:"a"; offset:2; depth:4; content:!"zz"; sid:205;)
alert tls any any -> any any (msg:"f"; tls.sni; content:"Mixed"; isdataat:3,relative; sid:206;)
alert tls any any -> any any (msg:"g"; tls.sni; isdataat:12; content:"long"; sid:207;)
alert tls any any -> any any (msg:"h"; tls.sni; dotprefix; content:".x"; startswith; bsize:<8; sid:208;)
alert tls any any -> any any (msg:"i"; tls.sni; dotprefix; content:".com"; nocase; isdataat:!1,relative; sid:209;)
`

func equivVec16(b, body []byte) []byte {
	return append(binary.BigEndian.AppendUint16(b, uint16(len(body))), body...)
}

// equivHello is a ClientHello record stream for sni: mostly one record
// with the SNI among GREASE, groups and a key share (post-quantum sized
// now and then), sometimes several records, no SNI, two names or a
// malformed extension list.
func equivHello(r *rand.Rand, sni string) []byte {
	var b []byte
	b = binary.BigEndian.AppendUint16(b, 0x0303)
	b = append(b, make([]byte, 32)...)
	b = append(b, 0)
	b = equivVec16(b, []byte{0x13, 0x01, 0xc0, 0x2f})
	b = append(b, 1, 0)
	var exts []byte
	ext := func(typ int, data []byte) { exts = equivVec16(binary.BigEndian.AppendUint16(exts, uint16(typ)), data) }
	ext(0x3a3a, nil)
	name := equivVec16([]byte{0}, []byte(sni))
	switch r.IntN(12) {
	case 0:
	case 1:
		ext(0, equivVec16(nil, append(name, equivVec16([]byte{0}, []byte("other.example"))...)))
	default:
		ext(0, equivVec16(nil, name))
	}
	ext(10, equivVec16(nil, []byte{0, 29, 0, 23}))
	share := 32
	if r.IntN(3) == 0 {
		share = 1216
	}
	ext(51, equivVec16(nil, equivVec16([]byte{0x11, 0xec}, make([]byte, share))))
	b = equivVec16(b, exts)
	if r.IntN(15) == 0 {
		b[len(b)-1-share] ^= 0x40
	}
	hs := append([]byte{1, byte(len(b) >> 16), byte(len(b) >> 8), byte(len(b))}, b...)
	size := 1 << 14
	if r.IntN(8) == 0 {
		size = 200 + r.IntN(300)
	}
	var out []byte
	for len(hs) > 0 {
		n := min(size, len(hs))
		out = equivVec16(append(out, 22, 3, 1), hs[:n])
		hs = hs[n:]
	}
	return out
}

// equivTLSFlow is the frames of one TLS connection: the handshake, the
// hello in one or more segments (sometimes out of order or after a
// server banner), the server's answer and client data (sometimes not:
// the flow ends unanswered).
func equivTLSFlow(r *rand.Rand, i int) [][]byte {
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.44")
	sport, isn, sisn := uint16(20000+i), r.Uint32(), r.Uint32()
	c2s := func(flags uint8, seq uint32, payload []byte) []byte {
		return pktgen.Build(pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: sport, Dport: 443, TCPFlags: flags, Seq: seq, Ack: sisn + 1, Payload: payload})
	}
	sack := isn + 1 // what the server acknowledges
	s2c := func(flags uint8, seq uint32, payload []byte) []byte {
		return pktgen.Build(pktgen.Spec{Src: srv, Dst: cli, Proto: 6, Sport: 443, Dport: sport, TCPFlags: flags, Seq: seq, Ack: sack, Payload: payload})
	}
	var labels []string
	for range 1 + r.IntN(4) {
		labels = append(labels, equivLabels[r.IntN(len(equivLabels))])
	}
	hello := equivHello(r, strings.Join(labels, "."))
	frames := [][]byte{c2s(0x02, isn, nil), s2c(0x12, sisn, nil), c2s(0x10, isn+1, nil)}
	if r.IntN(20) == 0 {
		frames = append(frames, s2c(0x18, sisn+1, []byte("hello\r\n")))
	}
	var segs [][]byte
	seq := isn + 1
	for rest := hello; len(rest) > 0; {
		n := len(rest)
		if r.IntN(3) == 0 {
			n = min(n, 1+r.IntN(1400))
		}
		segs = append(segs, c2s(0x18, seq, rest[:n]))
		seq += uint32(n)
		rest = rest[n:]
	}
	if len(segs) > 1 && r.IntN(8) == 0 {
		segs[0], segs[1] = segs[1], segs[0]
	}
	frames = append(frames, segs...)
	if r.IntN(12) == 0 {
		return frames // the capture ends before the server answers
	}
	sack = seq // the answer acknowledges the hello (IDS mode parses it then)
	return append(frames, s2c(0x18, sisn+1, []byte{0x16, 3, 3, 0, 2, 2, 0}), c2s(0x18, seq, []byte{0x17, 3, 3, 0, 1, 0}))
}

// tlsAlerts runs frames through o and returns its alerts as (sid,
// packet, flow id, EVE tls.sni), and how many each tier raised.
func tlsAlerts(t *testing.T, o *object.Object, frames [][]byte) ([]string, map[string]int) {
	t.Helper()
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Offline: true, EVE: &out})
	if err != nil {
		t.Fatal(err)
	}
	feedAndClose(t, p, frames)
	var set []string
	tiers := map[string]int{}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var ev struct {
			PcapCnt  uint64 `json:"pcap_cnt"`
			FlowID   uint64 `json:"flow_id"`
			AppProto string `json:"app_proto"`
			TLS      struct {
				SNI string `json:"sni"`
			} `json:"tls"`
			Alert struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			Rulec struct {
				Tier string `json:"tier"`
			} `json:"rulec"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		tiers[ev.Rulec.Tier]++
		b, _ := json.Marshal([]any{ev.PcapCnt, ev.Alert.SID, ev.FlowID, ev.AppProto, ev.TLS.SNI})
		set = append(set, string(b))
	}
	slices.SortFunc(set, func(a, b string) int { return cmp.Compare(a, b) })
	return set, tiers
}

// TestTLSKernelMatchesUserspace: tls.sni rules decided by the kernel tier
// (and, for the hellos it copies up undecided, by userspace) raise the
// same alerts, on the same packets, with the same flow id and tls
// detail, as the same rules run wholly by the userspace tier's TLS parser
// and matcher.
func TestTLSKernelMatchesUserspace(t *testing.T) {
	inKernel, user := kernelAndUserspace(t, tlsEquivRules)
	r := rand.New(rand.NewPCG(7, 9))
	var frames [][]byte
	for i := range 1500 {
		frames = append(frames, equivTLSFlow(r, i)...)
	}
	got, byTier := tlsAlerts(t, inKernel, frames)
	want, _ := tlsAlerts(t, user, frames)
	if !slices.Equal(got, want) {
		t.Fatalf("kernel tier %d alerts, userspace %d:\n kernel %v\n user   %v", len(got), len(want), got, want)
	}
	if len(want) < 300 || byTier["kernel"] < 200 || byTier["userspace"] < 50 {
		t.Errorf("only %d alerts compared, by tier %v", len(want), byTier)
	}
	t.Logf("%d alerts agree; with tls.sni in the kernel, by tier %v", len(want), byTier)
}
