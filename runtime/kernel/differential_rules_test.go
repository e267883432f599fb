package kernel

import (
	"math/rand/v2"
	"net/netip"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/refeval"
)

// diffRules are compiled from rule text: every kernel construct, some
// userspace rules (copies), pass/drop/reject ordering and bidirectional
// rules, plus the project's default rule set.
const diffRules = `alert udp any any -> any 53 (msg:"a"; content:"evil"; nocase; offset:2; depth:20; sid:1;)
drop udp any any -> any 53 (msg:"b"; content:"EVIL"; content:!"safe"; sid:2;)
pass udp 10.9.0.0/16 any -> any any (msg:"c"; sid:3;)
alert udp any any <> 192.0.2.0/24 [1000:2000] (msg:"d"; content:"GET"; startswith; sid:4;)
reject tcp any any -> any 23 (msg:"e"; flags:S,12; sid:5;)
alert tcp any any -> any any (msg:"f"; flags:!SA; ttl:<5; sid:6;)
alert icmp any any -> any any (msg:"g"; itype:8; dsize:>20; sid:7;)
alert ip any any -> 2001:db8::/32 any (msg:"h"; ttl:>3; sid:8;)
alert udp any any -> any any (msg:"i"; content:"end"; endswith; sid:9;)
alert tcp-pkt any any -> any 80 (msg:"j"; content:"xyz"; offset:1; depth:5; noalert; sid:10;)
alert http any any -> any any (msg:"k"; http.uri; content:"/x"; sid:11;)
alert udp any any -> any 5353 (msg:"l"; pcre:"/a.c/"; sid:12;)
`

// TestDifferentialCompiledRules runs random packets seeded with the rules'
// patterns through the classifier and the reference evaluator, with the
// same allow, block and port block lists in both: verdicts and events
// must agree.
func TestDifferentialCompiledRules(t *testing.T) {
	o := buildRules(t, diffRules, filepath.Join("..", "..", "rules"))
	c := load(t, o.Kernel, Options{})
	ref := refeval.New(o.Kernel)
	allow := []refeval.ListEntry{{Prefix: netip.MustParsePrefix("10.7.0.0/16")}}
	block := []refeval.ListEntry{{Prefix: netip.MustParsePrefix("10.8.0.0/16"), Rule: 4242}, {Prefix: netip.MustParsePrefix("2001:db8:dead::/48"), Rule: 4243}}
	for _, a := range allow {
		if err := c.AddList(AllowList, a.Prefix, ListEntry{Rule: a.Rule}); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range block {
		if err := c.AddList(BlockList, b.Prefix, ListEntry{Rule: b.Rule}); err != nil {
			t.Fatal(err)
		}
	}
	ref.SetLists(allow, block, func() uint64 { return 0 })
	portBlocks := []refeval.PortBlock{{Proto: ipTCP, Port: 23, Rule: 4244}, {Proto: ipUDP, Port: 1500, Rule: 4245}}
	for _, p := range portBlocks {
		if err := c.AddPortBlock(p.Proto, p.Port, ListEntry{Rule: p.Rule}); err != nil {
			t.Fatal(err)
		}
	}
	ref.SetPortBlocks(portBlocks)

	words := patternWords(o.Rules)
	addrs := []string{"10.0.0.1", "10.9.1.1", "10.7.3.3", "10.8.4.4", "192.0.2.9", "192.168.1.10", "203.0.113.10", "2001:db8::1", "2001:db8:dead::9", "2001:db9::2"}
	ports := []uint16{0, 23, 53, 80, 1000, 1500, 2000, 5353, 161, 445, 40000}
	r := rand.New(rand.NewPCG(7, 9))
	runs, events, portDrops := 0, 0, 0
	for range 10_000 {
		src, dst := addrs[r.IntN(len(addrs))], addrs[r.IntN(len(addrs))]
		if (src[0] == '2') != (dst[0] == '2') {
			dst = src
		}
		p := packet{src: src, dst: dst, ttl: uint8(1 + r.IntN(10)),
			proto: []uint8{ipTCP, ipUDP, ipICMP, ipICMPv6}[r.IntN(4)],
			sport: ports[r.IntN(len(ports))], dport: ports[r.IntN(len(ports))],
			flags: uint8(r.IntN(256)), icmpType: []uint8{0, 8, 128}[r.IntN(3)]}
		for range r.IntN(5) {
			p.payload += words[r.IntN(len(words))]
		}
		frame := p.bytes()
		got, err := c.Run(frame)
		if err != nil {
			continue
		}
		runs++
		events += len(got.Events)
		want := ref.Run(frame)
		if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) {
			t.Fatalf("%+v:\nclassifier %d %v\n reference %d %v", p, got.Verdict, g, want.Verdict, want.Events)
		}
		if len(got.Events) == 1 && got.Events[0].Kind == Block && got.Events[0].Rule >= 4244 {
			portDrops++
		}
	}
	if runs < 9000 || events < 1000 || portDrops < 50 {
		t.Errorf("only %d packets, %d events and %d port blocks compared", runs, events, portDrops)
	}
	t.Logf("%d packets, %d events, %d port blocks agree", runs, events, portDrops)
}

// patternWords collects the rules' content patterns, and case variants,
// to seed payloads with.
func patternWords(rules []*ir.Rule) []string {
	words := []string{"x", "0123", "safe"}
	for _, r := range rules {
		for _, m := range r.Matchers {
			if c, ok := m.(*ir.Content); ok && len(c.Pattern) < 40 {
				words = append(words, string(c.Pattern), swapCase(string(c.Pattern)))
			}
		}
	}
	return words
}

func swapCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 32
		case c >= 'A' && c <= 'Z':
			b[i] = c + 32
		}
	}
	return string(b)
}
