package kernel

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/refeval"
)

// dnsRules exercise every dns.query construct the classifier decides,
// next to a payload rule on port 53 and a dns.query rule left to
// userspace.
const dnsRules = `alert dns any any -> any any (msg:"a"; dns.query; content:"evil.com"; nocase; endswith; sid:101;)
drop dns any any -> any any (msg:"b"; dns.query; dotprefix; content:".example"; endswith; sid:102;)
alert dns any any -> any any (msg:"c"; dns.query; content:"www"; startswith; bsize:>10; sid:103;)
alert udp any any -> any any (msg:"d"; dns.query; content:"track"; isdataat:!1,relative; sid:104;)
alert dns any any -> any any (msg:"e"; dns.query; content:"a"; offset:2; depth:4; content:!"zz"; sid:105;)
alert dns any any -> any any (msg:"f"; dns.query; content:"Mixed"; isdataat:3,relative; sid:106;)
alert dns any any -> any any (msg:"g"; dns.query; isdataat:12; content:"long"; sid:107;)
alert dns any any -> any any (msg:"h"; dns.query; dotprefix; content:".x"; startswith; bsize:<8; sid:108;)
alert udp any any -> any 53 (msg:"i"; content:"|01 00|"; offset:2; depth:2; sid:109;)
alert dns any any -> any any (msg:"j"; dns.query; content:"tls"; pcre:"/tls$/"; sid:110;)
pass dns 10.9.0.0/16 any -> any any (msg:"k"; dns.query; content:"ok"; sid:111;)
alert tcp any any -> any 53 (msg:"l"; dns.query; content:"evil"; sid:112;)
`

var dnsLabels = []string{"evil", "com", "bad", "example", "www", "track", "a", "zz", "Mixed", "x", "long", "tls", "ok", "EVIL", "Com", "b.d", ""}

// dnsMessage builds a random DNS message: mostly a well-formed query
// with one question and maybe an EDNS OPT record, sometimes a response,
// several questions, a compression pointer, a bad label, answers, odd
// OPT options, a cut or flipped bytes.
func dnsMessage(r *rand.Rand) []byte {
	m := make([]byte, 12)
	binary.BigEndian.PutUint16(m, uint16(r.IntN(65536)))
	if r.IntN(8) == 0 {
		m[2] |= 0x80
	}
	qd := 1
	switch r.IntN(12) {
	case 0:
		qd = 0
	case 1:
		qd = 2
	}
	binary.BigEndian.PutUint16(m[4:], uint16(qd))
	if r.IntN(12) == 0 {
		binary.BigEndian.PutUint16(m[6:], 1)
	}
	ar := 0
	if r.IntN(2) == 0 {
		ar = 1
	}
	binary.BigEndian.PutUint16(m[10:], uint16(ar))
	for range qd {
		for range r.IntN(4) + 1 {
			l := dnsLabels[r.IntN(len(dnsLabels))]
			if l == "" {
				continue
			}
			m = append(m, byte(len(l)))
			m = append(m, l...)
		}
		switch r.IntN(16) {
		case 0:
			m = append(m, 0xc0, 0x0c)
		case 1:
			m = append(m, 0x41, 'q')
		default:
			m = append(m, 0)
		}
		m = append(m, 0, 1, 0, 1)
	}
	if ar == 1 {
		name := byte(0)
		if r.IntN(10) == 0 {
			name = 1
		}
		m = append(m, name, 0, 41, 16, 0, 0, 0, 0, 0)
		var opts []byte
		for range r.IntN(11) {
			l := r.IntN(4)
			opts = append(opts, 0, 10, 0, byte(l))
			opts = append(opts, make([]byte, l)...)
		}
		if r.IntN(8) == 0 && len(opts) > 0 {
			opts = opts[:len(opts)-1]
		}
		m = binary.BigEndian.AppendUint16(m, uint16(len(opts)))
		m = append(m, opts...)
	}
	switch r.IntN(10) {
	case 0:
		m = m[:r.IntN(len(m)+1)]
	case 1:
		m[r.IntN(len(m))] ^= byte(1 + r.IntN(255))
	}
	return m
}

// TestDifferentialDNS compares the classifier with the reference
// evaluator on random DNS messages over UDP and TCP, on port 53 and off
// it: verdicts, events and whether the packet was copied up undecided.
func TestDifferentialDNS(t *testing.T) {
	o := buildRules(t, dnsRules)
	kernelExcept(t, o, 110)
	c := load(t, o.Kernel, Options{})
	ref := refeval.New(o.Kernel)
	r := rand.New(rand.NewPCG(11, 13))
	addrs := []string{"10.0.0.1", "10.9.1.1", "192.0.2.9", "2001:db8::1", "2001:db8::2"}
	var runs, alerts, undecided, drops int
	for range 8000 {
		src := addrs[r.IntN(len(addrs))]
		dst := addrs[r.IntN(len(addrs))]
		if (src[0] == '2') != (dst[0] == '2') {
			dst = src
		}
		p := packet{src: src, dst: dst, ttl: 64, proto: ipUDP, sport: uint16(1024 + r.IntN(1000)), dport: 53,
			payload: string(dnsMessage(r))}
		switch r.IntN(10) {
		case 0:
			p.sport, p.dport = 53, p.sport
		case 1:
			p.dport = 5353
		case 2:
			p.proto, p.flags = ipTCP, flagACK
		}
		frame := p.bytes()
		got, err := c.Run(frame)
		if err != nil {
			continue
		}
		runs++
		want := ref.Run(frame)
		app := false
		for _, e := range got.Events {
			app = app || (e.Kind == Copy && e.Reason&CopyApp != 0)
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
	if runs < 7000 || alerts < 500 || undecided < 500 || drops < 50 {
		t.Errorf("only %d packets, %d alerts, %d undecided, %d drops compared", runs, alerts, undecided, drops)
	}
	t.Logf("%d packets, %d alerts, %d undecided, %d drops agree", runs, alerts, undecided, drops)
	n := counters(t, c)
	if n.DNSQueries == 0 || n.DNSCompressed == 0 || n.DNSQuestions == 0 || n.DNSRecords == 0 || n.DNSMalformed == 0 || n.DNSTCP == 0 || n.DNSOtherPort == 0 {
		t.Errorf("a DNS counter stayed 0: %+v", n)
	}
}
