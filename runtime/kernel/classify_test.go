package kernel

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/flowid"
)

// got is the part of an event a case checks.
type got struct {
	kind   EventKind
	rule   uint32
	action kernelgen.Action
	reason CopyReason
}

func alert(rule uint32, a kernelgen.Action) got { return got{kind: Alert, rule: rule, action: a} }

var copied = got{kind: Copy, rule: noRule, reason: CopyUserspace}

func copiedFor(r CopyReason) got { return got{kind: Copy, rule: noRule, reason: r} }

const noRule = 0xffffffff

// nextPort gives each test packet a flow of its own: a drop verdict
// drops the rest of its flow (flow drop), which cases on one tuple would
// otherwise see.
var nextPort atomic.Uint32

func freshPort() uint16 { return uint16(40000 + nextPort.Add(1)%20000) }

func v4(proto uint8, dport uint16, payload string) packet {
	return packet{src: "192.0.2.1", dst: "10.1.2.3", proto: proto, sport: freshPort(), dport: dport, payload: payload, flags: flagACK}
}

func v6(proto uint8, dport uint16, payload string) packet {
	return packet{src: "2001:db8::1", dst: "2001:db8::2", proto: proto, sport: freshPort(), dport: dport, payload: payload, flags: flagACK}
}

func TestClassify(t *testing.T) {
	c := load(t, build(testRules), Options{})
	cases := []struct {
		name    string
		pkt     packet
		verdict int
		events  []got
	}{
		{"prefix and port", v4(ipTCP, 80, ""), VerdictOK, []got{alert(80, kernelgen.ActAlert)}},
		{"prefix miss", packet{src: "192.0.2.1", dst: "10.2.0.1", proto: ipTCP, dport: 80}, VerdictOK, nil},
		{"protocol miss", v4(ipUDP, 80, ""), VerdictOK, nil},
		{"one vlan", with2(v4(ipTCP, 80, ""), func(p *packet) { p.vlans = []uint16{0x8100} }), VerdictOK, []got{alert(80, kernelgen.ActAlert)}},
		{"qinq", with2(v4(ipTCP, 80, ""), func(p *packet) { p.vlans = []uint16{0x88a8, 0x8100} }), VerdictOK, []got{alert(80, kernelgen.ActAlert)}},
		{"ip options", with2(v4(ipTCP, 80, ""), func(p *packet) { p.ipOptions = 12 }), VerdictOK, []got{alert(80, kernelgen.ActAlert)}},
		{"content drop", v4(ipUDP, 53, "xxabcxx"), VerdictShot, []got{alert(53, kernelgen.ActDrop)}},
		{"content case differs", v4(ipUDP, 53, "xxABCxx"), VerdictOK, nil},
		{"content absent", v4(ipUDP, 53, "xxabxcx"), VerdictOK, nil},
		{"content at end", v4(ipUDP, 53, "abc"), VerdictShot, []got{alert(53, kernelgen.ActDrop)}},
		{"nocase", v4(ipTCP, 8080, "..xYz.."), VerdictOK, []got{alert(8080, kernelgen.ActAlert)}},
		{"nocase after tcp options", with2(v4(ipTCP, 8080, "XYZ"), func(p *packet) { p.tcpOptions = 12 }), VerdictOK, []got{alert(8080, kernelgen.ActAlert)}},
		{"tcp options are not payload", with2(v4(ipTCP, 8080, "xy"), func(p *packet) { p.tcpOptions = 4 }), VerdictOK, nil},
		{"negated absent", v4(ipTCP, 8081, "foo"), VerdictOK, []got{alert(8081, kernelgen.ActAlert)}},
		{"negated present", v4(ipTCP, 8081, "foobar"), VerdictOK, nil},
		{"startswith endswith", v4(ipTCP, 8082, "GET / the end"), VerdictOK, []got{alert(8082, kernelgen.ActAlert)}},
		{"not startswith", v4(ipTCP, 8082, " GET / the end"), VerdictOK, nil},
		{"not endswith", v4(ipTCP, 8082, "GET / the end "), VerdictOK, nil},
		{"offset depth inside", v4(ipTCP, 8083, "....midxxxx"), VerdictOK, []got{alert(8083, kernelgen.ActAlert)}},
		{"offset depth at limit", v4(ipTCP, 8083, ".......mid"), VerdictOK, []got{alert(8083, kernelgen.ActAlert)}},
		{"before offset", v4(ipTCP, 8083, "...mid....."), VerdictOK, nil},
		{"past depth", v4(ipTCP, 8083, "........mid"), VerdictOK, nil},
		{"dsize above", v4(ipUDP, 9000, "01234567890"), VerdictOK, []got{alert(9000, kernelgen.ActAlert)}},
		{"dsize not above", v4(ipUDP, 9000, "0123456789"), VerdictOK, nil},
		{"ttl below", with2(v4(ipTCP, 2222, ""), func(p *packet) { p.ttl = 4 }), VerdictOK, []got{alert(2222, kernelgen.ActAlert)}},
		{"ttl not below", with2(v4(ipTCP, 2222, ""), func(p *packet) { p.ttl = 5 }), VerdictOK, nil},
		{"icmp echo", packet{src: "192.0.2.1", dst: "10.1.2.3", proto: ipICMP, icmpType: 8}, VerdictOK, []got{alert(8, kernelgen.ActAlert)}},
		{"icmp reply", packet{src: "192.0.2.1", dst: "10.1.2.3", proto: ipICMP, icmpType: 0}, VerdictOK, nil},
		{"icmp code", packet{src: "192.0.2.1", dst: "10.1.2.3", proto: ipICMP, icmpType: 8, icmpCode: 1}, VerdictOK, nil},
		{"icmpv6 echo", packet{src: "2001:db8::1", dst: "2001:db8::2", proto: ipICMPv6, icmpType: 128}, VerdictOK, []got{alert(128, kernelgen.ActAlert)}},
		{"syn reject", with2(v4(ipTCP, 22, ""), func(p *packet) { p.flags = flagSYN | 0x80 }), VerdictShot, []got{alert(22, kernelgen.ActReject)}},
		{"syn ack not exact", with2(v4(ipTCP, 22, ""), func(p *packet) { p.flags = flagSYN | flagACK }), VerdictOK, nil},
		{"flags plus", with2(v4(ipTCP, 4444, ""), func(p *packet) { p.flags = flagSYN | flagACK | flagPSH }), VerdictOK, []got{alert(4444, kernelgen.ActAlert)}},
		{"flags plus missing", with2(v4(ipTCP, 4444, ""), func(p *packet) { p.flags = flagSYN }), VerdictOK, nil},
		{"flags not all set", with2(v4(ipTCP, 4445, ""), func(p *packet) { p.flags = flagSYN }), VerdictOK, []got{alert(4445, kernelgen.ActAlert)}},
		{"flags not, all set", with2(v4(ipTCP, 4445, ""), func(p *packet) { p.flags = flagSYN | flagFIN }), VerdictOK, nil},
		// Suricata decodes neither ICMPv4 in IPv6 nor ICMPv6 in IPv4
		{"icmp over ipv6: decoder events only", packet{src: "2001:db8::1", dst: "2001:db8::2", proto: ipICMP, icmpType: 8}, VerdictOK, []got{copiedFor(CopyDecode)}},
		{"icmp over ipv6 after extension headers: decoder events only", packet{src: "2001:db8::1", dst: "2001:db8::2", proto: ipICMP, icmpType: 8, ext: []uint8{60}},
			VerdictOK, []got{copiedFor(CopyDecode)}},
		{"icmpv6 over ipv4: ip rules only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipICMPv6, icmpType: 128, payload: "GET"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"bidirectional once", with2(v4(ipTCP, 7000, ""), func(p *packet) { p.sport = 7000 }), VerdictOK, []got{alert(7000, kernelgen.ActAlert)}},
		{"bidirectional reverse", with2(v4(ipTCP, 1, ""), func(p *packet) { p.sport = 7000 }), VerdictOK, []got{alert(7000, kernelgen.ActAlert)}},
		{"pass wins", v4(ipTCP, 443, ""), VerdictOK, nil},
		{"userspace copy", v4(ipTCP, 8888, "GET /"), VerdictOK, []got{copied}},
		// a noalert drop names its rule (the drop record carries it); the
		// engine logs no alert for it
		{"noalert drop", v4(ipTCP, 6666, ""), VerdictShot, []got{alert(6666, kernelgen.ActDrop)}},
		{"ipv6 prefix", v6(ipUDP, 5353, ""), VerdictOK, []got{alert(5353, kernelgen.ActAlert)}},
		{"ipv6 prefix miss", packet{src: "2001:db9::1", dst: "2001:db8::2", proto: ipUDP, dport: 5353}, VerdictOK, nil},
		{"ipv6 extension headers", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.ext = []uint8{0, 60, 43} }), VerdictOK, []got{alert(5353, kernelgen.ActAlert)}},
		{"ipv6 first fragment", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.ext = []uint8{0, extFrag} }), VerdictOK, []got{alert(5353, kernelgen.ActAlert)}},
		{"ipv6 later fragment", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.fragOffset = 100 }), VerdictOK, []got{copiedFor(CopyFragment)}},
		{"ipv4 later fragment", with2(v4(ipTCP, 80, ""), func(p *packet) { p.fragOffset = 100 }), VerdictOK, []got{copiedFor(CopyFragment)}},
		{"ipv4 first fragment: no ports until reassembled", with2(v4(ipTCP, 80, ""), func(p *packet) { p.more = true }), VerdictOK, []got{copiedFor(CopyFragment)}},
		{"ipv6 first fragment: no ports until reassembled", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.more = true }), VerdictOK, []got{copiedFor(CopyFragment)}},
		{"ipv6 five extension headers in RFC order", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.ext = []uint8{0, 60, 43, extFrag, 60} }), VerdictOK, []got{alert(5353, kernelgen.ActAlert)}},
		{"ipv6 six extension headers with AH", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.ext = []uint8{0, 60, 43, extFrag, extAH, 60} }), VerdictOK, []got{alert(5353, kernelgen.ActAlert)}},
		{"ipv6 eight extension headers", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.ext = []uint8{0, 60, 60, 60, 60, 60, 60, 60} }), VerdictOK, []got{alert(5353, kernelgen.ActAlert)}},
		{"ipv6 nine extension headers: decoded in userspace", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.ext = []uint8{0, 60, 60, 60, 60, 60, 60, 60, 60} }), VerdictOK, []got{copiedFor(CopyDecode)}},
		{"three vlan tags", with2(v4(ipTCP, 80, ""), func(p *packet) { p.vlans = []uint16{0x88a8, 0x9100, 0x8100} }), VerdictOK, []got{alert(80, kernelgen.ActAlert)}},
		{"four vlan tags: decoded in userspace", with2(v4(ipTCP, 80, ""), func(p *packet) { p.vlans = []uint16{0x88a8, 0x8100, 0x8100, 0x8100} }), VerdictOK, []got{copiedFor(CopyDecode)}},
		{"negated only, absent", v4(ipTCP, 3333, "good"), VerdictOK, []got{alert(3333, kernelgen.ActAlert)}},
		{"negated only, empty", v4(ipTCP, 3333, ""), VerdictOK, []got{alert(3333, kernelgen.ActAlert)}},
		{"negated only, present", v4(ipTCP, 3333, "very evil"), VerdictOK, nil},
		{"ethernet padding is not payload", with2(v4(ipUDP, 9000, "0123"), func(p *packet) { p.pad = 20 }), VerdictOK, nil},
		{"malformed tcp header: ip rules match", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipTCP, dport: 80, l4Keep: 12},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"tcp header length past the packet: no port rules", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipTCP, dport: 80, tcpOptions: 8, l4Keep: 24},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"truncated udp header", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 53, payload: "abc", l4Keep: 6},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"udp payload ends at the udp length", with2(v4(ipUDP, 9000, "0123456789ab"), func(p *packet) { p.udpDelta = -4 }), VerdictOK, nil},
		{"udp content past the udp length", with2(v4(ipUDP, 53, "xxabc"), func(p *packet) { p.udpDelta = -3 }), VerdictOK, nil},
		{"udp length past the packet: ip rules only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 53, payload: "abc", udpDelta: 1},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"udp length below its header: ip rules only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 53, payload: "abc", udpDelta: -11},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"pppoe session ipv4", with2(v4(ipTCP, 80, ""), func(p *packet) { p.pppoe = 0x21 }), VerdictOK, []got{alert(80, kernelgen.ActAlert)}},
		{"pppoe session ipv4, two-byte ppp protocol", with2(v4(ipTCP, 80, ""), func(p *packet) { p.pppoe, p.pppoeWide = 0x0021, true }), VerdictOK, []got{alert(80, kernelgen.ActAlert)}},
		{"pppoe session ipv6", with2(v6(ipUDP, 5353, ""), func(p *packet) { p.pppoe, p.pppoeWide = 0x0057, true }), VerdictOK, []got{alert(5353, kernelgen.ActAlert)}},
		{"pppoe session lcp: decoded in userspace", with2(v4(ipTCP, 80, ""), func(p *packet) { p.pppoe = 0xc021 }), VerdictOK, []got{copiedFor(CopyDecode)}},
		{"gre goes up for its inner packet", packet{src: "192.0.2.1", dst: "10.1.2.3", proto: 47, payload: "\x00\x00\x08\x00abc"},
			VerdictOK, []got{copiedFor(CopyTunnel)}},
		{"content of an ip rule", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, sport: 1, dport: 2, payload: "GET"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), alert(6876, kernelgen.ActAlert)}},
		// Suricata's payload: ESP's and SCTP's after their headers, none
		// for the protocols it does not decode
		{"esp header is not payload", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: 50, payload: "GETxxxxxyyyy"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert)}},
		{"esp payload", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: 50, payload: "12345678GET"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), alert(6876, kernelgen.ActAlert)}},
		{"esp header cut short: ip rules only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: 50, payload: "GET"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"sctp payload", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: 132, payload: "GET456789012GET"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), alert(6876, kernelgen.ActAlert)}},
		{"ospf has no payload", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: 89, payload: "GET"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert)}},
		{"ip rule on an ipv6 encapsulation, without its payload", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: 41, payload: "\x60GET"},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyTunnel)}},
		// An IP packet Suricata's decoder refuses is seen by its
		// decoder-event rules only.
		{"ipv4 total length past the frame: decoder events only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, payload: "0123456789ab", ipLenDelta: 1},
			VerdictOK, []got{copiedFor(CopyDecode)}},
		{"ipv4 total length below the header length", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, payload: "0123456789ab", ipLenDelta: -21},
			VerdictOK, []got{copiedFor(CopyDecode)}},
		{"ipv4 total length short of the udp length: ip rules only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, payload: "0123456789ab", ipLenDelta: -2},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert), copiedFor(CopyDecode)}},
		{"ipv6 payload length past the frame: decoder events only", with2(v6(ipUDP, 5353, "abc"), func(p *packet) { p.ipLenDelta = 1 }), VerdictOK, []got{copiedFor(CopyDecode)}},
		{"ipv4 option length past the options: decoder events only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, ipOpt: []byte{0x82, 0x0b, 0, 0}},
			VerdictOK, []got{copiedFor(CopyDecode)}},
		{"ipv4 option length 1: decoder events only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, ipOpt: []byte{1, 0x07, 1, 0}},
			VerdictOK, []got{copiedFor(CopyDecode)}},
		{"ipv4 router alert of 3 bytes: an event on a valid packet", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, ipOpt: []byte{0x94, 3, 0, 0}},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert)}},
		{"ipv4 options after the end of list are not read", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, ipOpt: []byte{1, 0, 0x07, 0xff}},
			VerdictOK, []got{alert(6875, kernelgen.ActAlert)}},
		{"ipv6 no next header with data: decoder events only", packet{src: "2001:db8::1", dst: "2001:db8::2", proto: 59, payload: "x"}, VerdictOK, []got{copiedFor(CopyDecode)}},
		{"ipv4 version 6: decoder events only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, ipVersion: 6},
			VerdictOK, []got{copiedFor(CopyDecode)}},
		{"ipv4 header length 16: decoder events only", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipUDP, dport: 9000, ihl: 4},
			VerdictOK, []got{copiedFor(CopyDecode)}},
		{"malformed tcp header of a cut frame: decoded in userspace", packet{src: "203.0.113.5", dst: "10.1.2.3", proto: ipTCP, dport: 80, payload: "0123456789", cut: 20},
			VerdictOK, []got{copiedFor(CopyDecode)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			frame := tc.pkt.bytes()
			r, err := c.Run(frame)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tc.verdict {
				t.Errorf("verdict %d, want %d", r.Verdict, tc.verdict)
			}
			if g := summarize(r.Events); !slices.Equal(g, tc.events) {
				t.Errorf("events %v, want %v", g, tc.events)
			}
			for _, e := range r.Events {
				checkTuple(t, e, tc.pkt, frame, r.Verdict)
			}
		})
	}
}

func with2(p packet, f func(*packet)) packet {
	f(&p)
	return p
}

func summarize(events []Event) []got {
	var out []got
	for _, e := range events {
		g := got{kind: e.Kind, rule: e.Rule, action: e.Action, reason: e.Reason}
		out = append(out, g)
	}
	return out
}

func checkTuple(t *testing.T, e Event, p packet, frame []byte, verdict int) {
	t.Helper()
	want := fmt.Sprintf("%s:%d -> %s:%d proto %d len %d verdict %d", p.src, p.sport, p.dst, p.dport, p.proto, len(frame), verdict)
	switch {
	case len(p.vlans) > 3 || p.pppoe == 0xc021 || p.ipVersion != 0:
		want = fmt.Sprintf("invalid IP:0 -> invalid IP:0 proto 0 len %d verdict %d", len(frame), verdict)
	case p.proto == ipICMP && len(p.ext) > 0:
		want = fmt.Sprintf("%s:0 -> %s:0 proto %d len %d verdict %d", p.src, p.dst, p.ext[len(p.ext)-1], len(frame), verdict)
	case strings.Contains(p.src, ":") && p.ipLenDelta > 0:
		// the IPv6 parser stops before the next header
		want = fmt.Sprintf("%s:0 -> %s:0 proto 0 len %d verdict %d", p.src, p.dst, len(frame), verdict)
	case p.ipLenDelta != 0 || p.ihl != 0 || p.ipOpt != nil && decode.Decode(frame, new(decode.Packet)) != nil:
		want = fmt.Sprintf("%s:0 -> %s:0 proto %d len %d verdict %d", p.src, p.dst, p.proto, len(frame), verdict)
	case len(p.vlans) > 3:
		want = fmt.Sprintf("invalid IP:0 -> invalid IP:0 proto 0 len %d verdict %d", len(frame), verdict)
	case len(p.ext) > 8:
		want = fmt.Sprintf("%s:0 -> %s:0 proto %d len %d verdict %d", p.src, p.dst, p.ext[8], len(frame), verdict)
	case p.fragOffset != 0 || p.more || p.proto == 50 || p.proto == 132 || p.proto == 89 || p.proto == ipICMP || p.proto == ipICMPv6 || p.l4Keep > 0 || p.cut > 0 || p.proto == 41 || p.proto == 47 ||
		p.proto == ipUDP && (p.udpDelta > 0 || 8+len(p.payload)+p.udpDelta < 8):
		want = fmt.Sprintf("%s:0 -> %s:0 proto %d len %d verdict %d", p.src, p.dst, p.proto, len(frame), verdict)
	}
	g := fmt.Sprintf("%s:%d -> %s:%d proto %d len %d verdict %d", e.Src.Addr(), e.Src.Port(), e.Dst.Addr(), e.Dst.Port(), e.Proto, e.PktLen, e.Verdict)
	if g != want {
		t.Errorf("event tuple %s, want %s", g, want)
	}
	if e.Kind == Copy && !bytes.Equal(e.Data, frame) {
		t.Errorf("copy data %x, want the frame %x", e.Data, frame)
	}
	checkFlowID(t, e, frame)
}

// checkFlowID: the flow id the classifier computed is the userspace
// decoder's (runtime/flowid) for every frame the decoder reads as IP,
// except those past the classifier's 8 extension headers (it copies them
// up without knowing their transport).
func checkFlowID(t *testing.T, e Event, frame []byte) {
	t.Helper()
	var d decode.Packet
	if decode.Decode(frame, &d) != nil || d.Family == 0 || d.ExtHdrs > 8 {
		return
	}
	if want := flowid.Of(d.FlowKey()); e.FlowID != want {
		t.Errorf("%v event: classifier flow id %d, userspace %d (key %+v)", e.Kind, e.FlowID, want, d.FlowKey())
	}
}
