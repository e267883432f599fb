package kernel

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/refeval"
)

// tlsRules exercise every tls.sni construct the classifier decides, next
// to a header rule on the same flows, a tls.sni rule left to userspace
// and a dns.query rule (DNS over TCP shares the port 53 flows).
const tlsRules = `alert tls any any -> any any (msg:"a"; flow:established,to_server; tls.sni; content:"evil.com"; nocase; endswith; sid:201;)
drop tls any any -> any any (msg:"b"; flow:to_server,established; tls.sni; dotprefix; content:".example"; endswith; sid:202;)
alert tls any any -> any any (msg:"c"; flow:to_server; tls.sni; content:"www"; startswith; bsize:>10; sid:203;)
alert tcp any any -> any any (msg:"d"; tls.sni; content:"track"; isdataat:!1,relative; sid:204;)
alert tls any any -> any any (msg:"e"; flow:established; tls.sni; content:"a"; offset:2; depth:4; content:!"zz"; sid:205;)
alert tls any any -> any 443 (msg:"f"; tls.sni; content:"Mixed"; isdataat:3,relative; sid:206;)
alert tls any any -> any any (msg:"g"; tls.sni; isdataat:12; content:"long"; sid:207;)
alert tls any any -> any any (msg:"h"; tls.sni; dotprefix; content:".x"; startswith; bsize:<8; sid:208;)
alert tls any any -> any any (msg:"i"; tls.sni; content:"tls"; pcre:"/tls$/"; sid:209;)
pass tls 10.9.0.0/16 any -> any any (msg:"k"; tls.sni; content:"ok"; sid:210;)
alert tcp any any -> any 443 (msg:"l"; flags:S; sid:211;)
alert dns any any -> any any (msg:"m"; dns.query; content:"evil"; sid:212;)
`

var sniLabels = []string{"evil", "com", "bad", "example", "www", "track", "a", "zz", "Mixed", "x", "long", "tls", "ok", "EVIL", "Com", "b-d"}

func vec16(b, body []byte) []byte {
	return append(binary.BigEndian.AppendUint16(b, uint16(len(body))), body...)
}

// clientHello builds a ClientHello handshake message for sni: mostly
// well-formed (GREASE, groups, a key share that is sometimes post-quantum
// sized, padding), sometimes without SNI, with two names, an empty one,
// another name type, a second server_name extension, too many
// extensions or bad lengths.
func clientHello(r *rand.Rand, sni string) []byte {
	var b []byte
	b = binary.BigEndian.AppendUint16(b, 0x0303)
	b = append(b, make([]byte, 32)...)
	sid := []int{0, 32}[r.IntN(2)]
	b = append(b, byte(sid))
	b = append(b, make([]byte, sid)...)
	b = vec16(b, []byte{0x0a, 0x0a, 0x13, 0x01, 0xc0, 0x2f})
	b = append(b, 1, 0)
	if r.IntN(30) == 0 {
		return helloMsg(b)
	}
	var exts []byte
	ext := func(typ int, data []byte) { exts = vec16(binary.BigEndian.AppendUint16(exts, uint16(typ)), data) }
	ext(0x1a1a, nil)
	name := func(kind byte, n string) []byte { return vec16([]byte{kind}, []byte(n)) }
	switch r.IntN(24) {
	case 0:
	case 1:
		ext(0, vec16(nil, append(name(0, sni), name(0, "second")...)))
	case 2:
		ext(0, vec16(nil, name(0, "")))
	case 3:
		ext(0, vec16(nil, name(1, sni)))
	case 4:
		ext(0, vec16(nil, name(0, sni)))
		ext(0, vec16(nil, name(0, "again")))
	case 5:
		ext(0, append(vec16(nil, name(0, sni)), 0))
	case 6:
		for range 70 {
			ext(0xff00, nil)
		}
		ext(0, vec16(nil, name(0, sni)))
	case 7:
		ext(0, vec16(nil, name(0, strings.Repeat("y", 256+r.IntN(2))+sni)))
	default:
		ext(0, vec16(nil, name(0, sni)))
	}
	ext(10, vec16(nil, []byte{0x2a, 0x2a, 0, 29, 0, 23}))
	share := 32
	if r.IntN(3) == 0 {
		share = 1216
	}
	ext(51, vec16(nil, vec16([]byte{0x11, 0xec}, make([]byte, share))))
	if r.IntN(4) == 0 {
		ext(21, make([]byte, r.IntN(200)))
	}
	b = vec16(b, exts)
	switch r.IntN(30) {
	case 0:
		b = b[:len(b)-1-r.IntN(4)]
	case 1:
		b = append(b, 0)
	}
	return helloMsg(b)
}

func helloMsg(body []byte) []byte {
	return append([]byte{1, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
}

// tlsRecords wraps handshake bytes in one record, or in several of at
// most size bytes.
func tlsRecords(hs []byte, size int) []byte {
	var out []byte
	for len(hs) > 0 {
		n := min(size, len(hs))
		out = append(out, 22, 3, 1)
		out = vec16(out, hs[:n])
		hs = hs[n:]
	}
	return out
}

// tlsFlow builds the packets of one random TCP flow: a handshake, then a
// ClientHello in one segment or cut in two or more, with the classifier's
// corner cases now and then (server first, retransmissions, segments out
// of order, a flow without handshake, a SYN reusing a decided flow,
// malformed and truncated hellos, other protocols), then the server's
// answer and more data.
func tlsFlow(r *rand.Rand, cli, srv string, sport, dport uint16) []packet {
	isn, sisn := r.Uint32(), r.Uint32()
	c2s := func(flags uint8, seq uint32, payload []byte) packet {
		return packet{src: cli, dst: srv, proto: ipTCP, sport: sport, dport: dport, flags: flags, seq: seq, ack: sisn + 1, payload: string(payload)}
	}
	s2c := func(flags uint8, seq uint32, payload []byte) packet {
		return packet{src: srv, dst: cli, proto: ipTCP, sport: dport, dport: sport, flags: flags, seq: seq, ack: isn + 1, payload: string(payload)}
	}
	var labels []string
	for range r.IntN(4) + 1 {
		labels = append(labels, sniLabels[r.IntN(len(sniLabels))])
	}
	hello := tlsRecords(clientHello(r, strings.Join(labels, ".")), 1<<14)
	switch r.IntN(14) {
	case 0:
		hello = tlsRecords(clientHello(r, "www.example"), 100+r.IntN(200))
	case 1:
		hello = []byte("GET / HTTP/1.1\r\nHost: www.example\r\n\r\n")
	case 2:
		hello = hello[:r.IntN(len(hello))]
	case 3:
		hello[r.IntN(len(hello))] ^= byte(1 + r.IntN(255))
	case 4:
		hello[5] = 2
	}
	var out []packet
	if r.IntN(12) != 0 {
		syn := c2s(flagSYN, isn, nil)
		if r.IntN(40) == 0 {
			syn.payload = "x"
		}
		out = append(out, syn, s2c(flagSYN|flagACK, sisn, nil))
		if r.IntN(10) != 0 {
			out = append(out, c2s(flagACK, isn+1, nil))
		}
	}
	if r.IntN(15) == 0 {
		out = append(out, s2c(flagACK|flagPSH, sisn+1, []byte("220 ready\r\n")))
	}
	var segs []packet
	seq := isn + 1
	rest := hello
	for len(rest) > 0 {
		n := len(rest)
		if r.IntN(3) == 0 {
			n = min(n, 1+r.IntN(1400))
		}
		segs = append(segs, c2s(flagACK|flagPSH, seq, rest[:n]))
		seq += uint32(n)
		rest = rest[n:]
	}
	switch {
	case len(segs) > 1 && r.IntN(6) == 0:
		segs[0], segs[1] = segs[1], segs[0]
	case len(segs) > 0 && r.IntN(8) == 0:
		segs = append(segs, segs[0])
	case len(segs) > 0 && r.IntN(30) == 0:
		segs[0].flags |= flagRST
	}
	out = append(out, segs...)
	answer := []packet{s2c(flagACK|flagPSH, sisn+1, []byte("\x16\x03\x03\x00\x02\x02\x00")), c2s(flagACK, seq, nil), c2s(flagACK|flagPSH, seq, []byte("\x17\x03\x03data"))}
	if r.IntN(10) == 0 {
		answer[0], answer[1] = answer[1], answer[0]
	}
	out = append(out, answer...)
	if r.IntN(20) == 0 {
		out = append(out, c2s(flagSYN, isn+5000, nil), c2s(flagACK|flagPSH, isn+5001, hello))
	}
	return out
}

// TestDifferentialTLS compares the classifier with the reference
// evaluator on random TCP flows carrying ClientHellos, well-formed,
// split, late, malformed and truncated: verdicts, events and whether each
// packet was copied up undecided, packet by packet.
func TestDifferentialTLS(t *testing.T) {
	o := buildRules(t, tlsRules)
	kernelExcept(t, o, 209)
	c := load(t, o.Kernel, Options{})
	ref := refeval.New(o.Kernel)
	r := rand.New(rand.NewPCG(17, 19))
	addrs := [][2]string{{"10.0.0.1", "192.0.2.9"}, {"10.9.1.1", "192.0.2.9"}, {"2001:db8::1", "2001:db8::2"}}
	var runs, alerts, undecided, drops, detail int
	for range 2500 {
		a := addrs[r.IntN(len(addrs))]
		dport := []uint16{443, 443, 8443, 53}[r.IntN(4)]
		for _, p := range tlsFlow(r, a[0], a[1], uint16(1024+r.IntN(60000)), dport) {
			frame := p.bytes()
			got, err := c.Run(frame)
			if err != nil {
				t.Fatal(err)
			}
			runs++
			want := ref.Run(frame)
			app := false
			for _, e := range got.Events {
				app = app || (e.Kind == Copy && e.Reason&CopyApp != 0)
				if e.Kind == Copy && e.Reason&CopyDetail != 0 {
					detail++
				}
				if e.Kind == Alert {
					alerts++
				}
			}
			if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) || app != want.App {
				t.Fatalf("%+v %x:\nclassifier %d %v app %v\n reference %d %v app %v", p, p.payload, got.Verdict, g, app, want.Verdict, want.Events, want.App)
			}
			if app {
				undecided++
			}
			if got.Verdict == VerdictShot {
				drops++
			}
		}
	}
	if alerts < 300 || undecided < 1000 || drops < 50 || detail < 200 {
		t.Errorf("only %d alerts, %d undecided, %d drops, %d detail copies in %d packets", alerts, undecided, drops, detail, runs)
	}
	t.Logf("%d packets, %d alerts, %d undecided, %d drops, %d detail copies agree", runs, alerts, undecided, drops, detail)
	n := counters(t, c)
	if n.TLSFlows == 0 || n.TLSHellos == 0 || n.TLSSplit == 0 || n.TLSRecords == 0 || n.TLSLate == 0 || n.TLSOdd == 0 {
		t.Errorf("a TLS counter stayed 0: %+v", n)
	}
}

// TestTLSFlowMapSized: the flow map for tls.sni takes its 65,536 entries
// (about 18 MB) only when the rule set has a kernel tls.sni rule.
func TestTLSFlowMapSized(t *testing.T) {
	for _, tc := range []struct {
		rules string
		want  uint32
	}{
		{`alert tls any any -> any any (tls.sni; content:"x"; sid:1;)`, 65536},
		{`alert dns any any -> any any (dns.query; content:"x"; sid:1;)`, 1},
	} {
		o := buildRules(t, tc.rules)
		c := load(t, o.Kernel, Options{})
		if got := c.objs.RcTlsFlow.MaxEntries(); got != tc.want {
			t.Errorf("%s: tls flow map of %d entries, want %d", tc.rules, got, tc.want)
		}
	}
}
