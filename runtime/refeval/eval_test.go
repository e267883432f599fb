package refeval

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/internal/pktgen"
)

const testRules = `alert udp any any -> any 53 (msg:"evil"; content:"evil"; nocase; offset:12; sid:1;)
drop tcp any any -> any 23 (msg:"telnet syn"; flags:S,12; sid:2;)
alert icmp any any -> any any (msg:"big ping"; itype:8; dsize:>100; sid:3;)
pass udp 10.9.9.9 any -> any any (msg:"trusted"; dsize:>0; sid:4;)
alert udp any any <> 192.0.2.0/24 any (msg:"bidir"; content:"Hi"; startswith; content:!"bye"; sid:5;)
alert tcp any any -> any 80 (msg:"http"; content:"GET"; sid:6;)
alert udp any any -> any 9999 (msg:"end"; content:"END"; endswith; ttl:<10; sid:7;)
alert ip 203.0.113.0/24 any -> any any (msg:"ip"; sid:8;)
pass ip 198.51.100.0/24 any -> any any (msg:"trusted tunnel end"; ttl:>0; sid:9;)
`

func compileTables(t *testing.T, text string) *kernel.Tables {
	t.Helper()
	rules, errs, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(text))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	o, err := object.Build(rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	return o.Kernel
}

func addr(s string) netip.Addr { return netip.MustParseAddr(s) }

func TestEvaluator(t *testing.T) {
	e := New(compileTables(t, testRules))
	dns := func(src string, payload string) []byte {
		return pktgen.Build(pktgen.Spec{Src: addr(src), Dst: addr("8.8.8.8"), Proto: 17, Sport: 5353, Dport: 53, Payload: []byte(payload)})
	}
	cases := []struct {
		name    string
		pkt     []byte
		verdict int
		alerts  []uint32
		copyUp  bool
	}{
		{"content past offset", dns("10.0.0.1", "0123456789abEVIL"), ActOK, []uint32{0}, false},
		{"content before offset", dns("10.0.0.1", "EVIL456789ab"), ActOK, nil, false},
		{"pass wins", dns("10.9.9.9", "0123456789abEVIL"), ActOK, nil, false},
		{"syn to telnet", pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 6, Sport: 1000, Dport: 23, TCPFlags: 0x02 | 0x40}), ActShot, []uint32{1}, false},
		{"syn-ack to telnet", pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 6, Sport: 1001, Dport: 23, TCPFlags: 0x12}), ActOK, nil, false},
		{"big ping", pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 1, IType: 8, Payload: make([]byte, 200)}), ActOK, []uint32{2}, false},
		{"small ping", pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 1, IType: 8, Payload: make([]byte, 50)}), ActOK, nil, false},
		{"bidir reverse", pktgen.Build(pktgen.Spec{Src: addr("192.0.2.7"), Dst: addr("10.0.0.1"), Proto: 17, Sport: 1, Dport: 2, Payload: []byte("Hi there")}), ActOK, []uint32{4}, false},
		{"bidir negated", pktgen.Build(pktgen.Spec{Src: addr("192.0.2.7"), Dst: addr("10.0.0.1"), Proto: 17, Sport: 1, Dport: 2, Payload: []byte("Hi bye")}), ActOK, nil, false},
		{"tcp content goes up", pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 6, Sport: 1000, Dport: 80, TCPFlags: 0x18, Payload: []byte("GET /")}), ActOK, nil, true},
		{"endswith and ttl", pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 17, Sport: 1, Dport: 9999, TTL: 5, Payload: []byte("xxEND")}), ActOK, []uint32{6}, false},
		{"endswith fails", pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 17, Sport: 1, Dport: 9999, TTL: 5, Payload: []byte("xxENDx")}), ActOK, nil, false},
		{"vlan and v6", pktgen.Build(pktgen.Spec{Src: addr("2001:db8::1"), Dst: addr("2001:db8::2"), Proto: 17, Sport: 1, Dport: 53, VLANs: []uint16{10, 20}, Payload: []byte("0123456789abevil")}), ActOK, []uint32{0}, false},
		{"truncated ip header: up for its decoder event", dns("10.0.0.1", "0123456789abEVIL")[:30], ActOK, nil, true},
		{"not ip", make([]byte, 60), ActOK, nil, false},
		{"malformed tcp header: ip rule", brokenTCP(12), ActOK, []uint32{7}, true},
		{"ipv6 encapsulation: no payload, inner packet goes up", tunnel("203.0.113.5", 41, "\x60GET"), ActOK, []uint32{7}, true},
		{"pass keeps the copy of a tunnel", tunnel("198.51.100.1", 47, "\x00\x00\x08\x00GET"), ActOK, nil, true},
		{"malformed tcp header of a cut frame", brokenTCP(12)[:40], ActOK, nil, true},
	}
	for _, c := range cases {
		r := e.Run(c.pkt)
		var alerts []uint32
		copyUp := false
		for _, ev := range r.Events {
			switch ev.Kind {
			case EventAlert:
				alerts = append(alerts, ev.Rule)
			case EventCopy:
				copyUp = true
			}
		}
		if r.Verdict != c.verdict || !slices.Equal(alerts, c.alerts) || copyUp != c.copyUp {
			t.Errorf("%s: verdict %d alerts %v copy %v; want %d %v %v", c.name, r.Verdict, alerts, copyUp, c.verdict, c.alerts, c.copyUp)
		}
	}
}

func TestListsAndScanDepth(t *testing.T) {
	e := New(compileTables(t, testRules))
	pkt := pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("8.8.8.8"), Proto: 17, Sport: 1, Dport: 53, Payload: []byte("0123456789abEVIL")})
	now := uint64(100)
	e.SetLists(nil, []ListEntry{{Prefix: netip.MustParsePrefix("1.1.1.0/24"), Rule: 77, Expires: 200}}, func() uint64 { return now })
	if r := e.Run(pkt); r.Verdict != ActShot || len(r.Events) != 1 || r.Events[0] != (Event{Kind: EventBlock, Rule: 77}) {
		t.Errorf("blocked: %+v", r)
	}
	now = 300
	if r := e.Run(pkt); r.Verdict != ActOK || len(r.Events) != 1 || r.Events[0].Kind != EventAlert {
		t.Errorf("expired block: %+v", r)
	}
	e.SetLists([]ListEntry{{Prefix: netip.MustParsePrefix("8.8.8.8/32")}}, []ListEntry{{Prefix: netip.MustParsePrefix("0.0.0.0/0")}}, func() uint64 { return now })
	if r := e.Run(pkt); r.Verdict != ActOK || len(r.Events) != 0 {
		t.Errorf("allowed: %+v", r)
	}
	e.SetLists([]ListEntry{{Prefix: netip.MustParsePrefix("10.0.0.9/32")}}, nil, func() uint64 { return now })
	e.SetPortBlocks([]PortBlock{{Proto: 17, Port: 53, Rule: 88, Expires: 400}, {Proto: 6, Port: 53, Rule: 89}})
	if r := e.Run(pkt); r.Verdict != ActShot || len(r.Events) != 1 || r.Events[0] != (Event{Kind: EventBlock, Rule: 88}) {
		t.Errorf("port blocked: %+v", r)
	}
	excepted := pktgen.Build(pktgen.Spec{Src: addr("10.0.0.9"), Dst: addr("8.8.8.8"), Proto: 17, Sport: 1, Dport: 53})
	if r := e.Run(excepted); r.Verdict != ActOK || len(r.Events) != 0 {
		t.Errorf("allowed source on a blocked port: %+v", r)
	}
	now = 500
	if r := e.Run(pkt); r.Verdict != ActOK {
		t.Errorf("expired port block: %+v", r)
	}
	e.SetPortBlocks(nil)
	e.SetLists(nil, nil, func() uint64 { return now })
	big := pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("8.8.8.8"), Proto: 17, Sport: 1, Dport: 53, Payload: []byte(strings.Repeat("x", kernel.MaxScan+1))})
	if r := e.Run(big); !r.Truncated || len(r.Events) != 1 || r.Events[0].Kind != EventCopy {
		t.Errorf("past scan depth: %+v", r)
	}
}

// TestFlowDrop: a drop acts on what its rule's kind says, as in Suricata:
// a packet rule's (flags) drops each matching packet with its alert and
// leaves the flow; an IP-only rule's drops the flow, whose later packets,
// both ways, are dropped without events; another flow and another VLAN
// are not.
func TestFlowDrop(t *testing.T) {
	e := New(compileTables(t, `drop tcp any any -> any 23 (msg:"telnet syn"; flags:S,12; sid:1;)
drop ip 198.51.100.9 any -> any any (msg:"host"; sid:2;)
`))
	tcp := func(src, dst string, sp, dp uint16, flags uint8, vlans ...uint16) []byte {
		return pktgen.Build(pktgen.Spec{Src: addr(src), Dst: addr(dst), Proto: 6, Sport: sp, Dport: dp, TCPFlags: flags, VLANs: vlans})
	}
	for _, c := range []struct {
		name    string
		pkt     []byte
		verdict int
		events  int
	}{
		{"syn to telnet", tcp("1.1.1.1", "2.2.2.2", 1000, 23, 0x02), ActShot, 1},
		{"retransmitted syn", tcp("1.1.1.1", "2.2.2.2", 1000, 23, 0x02), ActShot, 1},
		{"telnet reply", tcp("2.2.2.2", "1.1.1.1", 23, 1000, 0x12), ActOK, 0},
		{"host", tcp("198.51.100.9", "2.2.2.2", 1000, 80, 0x02), ActShot, 1},
		{"host reply", tcp("2.2.2.2", "198.51.100.9", 80, 1000, 0x12), ActShot, 0},
		{"host data", tcp("198.51.100.9", "2.2.2.2", 1000, 80, 0x18), ActShot, 0},
		{"host, other vlan", tcp("198.51.100.9", "2.2.2.2", 1000, 80, 0x10, 7), ActShot, 1},
		{"host, that vlan again", tcp("2.2.2.2", "198.51.100.9", 80, 1000, 0x10, 7), ActShot, 0},
	} {
		r := e.Run(c.pkt)
		if r.Verdict != c.verdict || len(r.Events) != c.events {
			t.Errorf("%s: %+v, want verdict %d and %d events", c.name, r, c.verdict, c.events)
		}
	}
}

// A noalert drop still names its rule in the packet's events (the drop
// record carries it); a noalert alert does not.
func TestNoAlertDropNamesItsRule(t *testing.T) {
	e := New(compileTables(t, `drop tcp any any -> any 22 (noalert; sid:1;)
alert udp any any -> any 53 (noalert; sid:2;)
`))
	r := e.Run(pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 6, Sport: 1000, Dport: 22, TCPFlags: 0x02}))
	if r.Verdict != ActShot || len(r.Events) != 1 || r.Events[0].Kind != EventAlert || r.Events[0].Rule != 0 {
		t.Errorf("noalert drop: %+v, want a drop naming rule 0", r)
	}
	r = e.Run(pktgen.Build(pktgen.Spec{Src: addr("1.1.1.1"), Dst: addr("2.2.2.2"), Proto: 17, Sport: 1000, Dport: 53}))
	if len(r.Events) != 0 {
		t.Errorf("noalert alert: events %+v, want none", r.Events)
	}
}

// brokenTCP is a whole IPv4 packet from 203.0.113.5 whose TCP header has
// only n bytes.
func brokenTCP(n int) []byte {
	f := pktgen.Build(pktgen.Spec{Src: addr("203.0.113.5"), Dst: addr("10.0.0.1"), Proto: 253, Payload: make([]byte, n)})
	f[14+9] = 6
	return f
}

// tunnel is an IPv4 packet from src of a tunnel protocol carrying payload.
func tunnel(src string, proto uint8, payload string) []byte {
	return pktgen.Build(pktgen.Spec{Src: addr(src), Dst: addr("10.0.0.1"), Proto: proto, Payload: []byte(payload)})
}
