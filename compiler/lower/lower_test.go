package lower

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
)

func TestDecide(t *testing.T) {
	cases := []struct {
		rule   string
		tier   Tier
		reason string
	}{
		{`alert tcp any any -> any 23 (flags:S; sid:1;)`, Kernel, ""},
		{`alert udp any any -> any 53 (content:"abc"; nocase; offset:2; depth:10; dsize:>5; sid:1;)`, Kernel, ""},
		{`drop icmp any any -> any any (itype:8; icode:0; ttl:<5; content:!"x"; sid:1;)`, Kernel, ""},
		{`alert tcp-pkt any any -> any any (content:"abc"; startswith; sid:1;)`, Kernel, ""},
		{`alert tcp any any -> any any (flow:no_stream; content:"abc"; endswith; sid:1;)`, Kernel, ""},
		{`alert tcp any any <> any any (sid:1;)`, Kernel, ""},
		{`alert tcp any any -> any any (content:"abc"; sid:1;)`, Userspace, "stream-inspected"},
		{`alert http any any -> any any (sid:1;)`, Userspace, "app-layer protocol http"},
		{`alert udp any any -> any any (content:"a"; content:"b"; distance:0; sid:1;)`, Userspace, "relative content"},
		{`alert udp any any -> any any (pcre:"/a/"; sid:1;)`, Userspace, "pcre runs in the userspace matcher"},
		{`alert udp any any -> any any (flow:to_server; sid:1;)`, Kernel, ""},
		{`alert tcp any any -> any 80 (flow:established,to_server; flags:PA; dsize:>100; sid:1;)`, Kernel, ""},
		{`alert tcp any any -> any any (flow:not_established,from_server; sid:1;)`, Kernel, ""},
		{`alert udp any any -> any any (flow:stateless; content:"a"; sid:1;)`, Kernel, ""},
		{`alert tcp any any -> any any (flow:established,to_server; content:"a"; sid:1;)`, Userspace, "stream-inspected"},
		{`alert tcp any any -> any any (flow:established,only_stream; sid:1;)`, Userspace, "only_stream"},
		{`alert udp any any -> any any (flow:to_server,only_frag; sid:1;)`, Userspace, "fragment flags"},
		{`alert udp any any -> any any (flowbits:isset,x; sid:1;)`, Userspace, "flowbits"},
		{`alert udp any any -> any any (threshold:type limit, track by_src, count 1, seconds 60; sid:1;)`, Kernel, ""},
		{`drop udp any any -> any any (threshold:type limit, track by_src, count 1, seconds 60; sid:1;)`, Userspace, "limit needs counters before the rule's drop action (track by_src)"},
		{`alert udp any any -> any any (dsize:>1; dsize:<9; sid:1;)`, Userspace, "dsize given twice"},
		{`alert udp any any -> any any (byte_test:1,>,2,0; sid:1;)`, Userspace, "byte_test"},
		{`alert dns any any -> any any (dns.query; content:"x"; sid:1;)`, Kernel, ""},
		{`drop dns $HOME_NET any -> any any (dns.query; dotprefix; content:".su"; nocase; endswith; bsize:>3; fast_pattern; sid:1;)`, Kernel, ""},
		{`alert dns any any -> any any (dns.query; content:"x"; offset:1; depth:4; isdataat:!1,relative; content:!"y"; sid:1;)`, Kernel, ""},
		{`alert udp any any -> any any (dns.query; content:"x"; isdataat:3; sid:1;)`, Kernel, ""},
		{`alert dns any any -> any any (dns.query; content:"x"; pcre:"/x/"; sid:1;)`, Userspace, "pcre runs in the userspace matcher"},
		{`alert dns any any -> any any (dns.query; content:"x"; content:"y"; distance:0; sid:1;)`, Userspace, "relative content"},
		{`alert dns any any -> any any (dns.query; content:"x"; threshold:type limit, track by_src, count 1, seconds 60; sid:1;)`, Kernel, ""},
		{`pass dns any any -> any any (dns.query; content:"x"; threshold:type limit, track by_src, count 1, seconds 60; sid:1;)`, Userspace, "limit needs counters"},
		{`alert dns any any -> any any (flow:to_server; dns.query; content:"x"; sid:1;)`, Kernel, ""},
		{`alert dns any any -> any any (dns.query; to_lowercase; content:"x"; sid:1;)`, Userspace, "transformed by to_lowercase"},
		{`alert dns any any -> any any (dns.query; content:"x"; bsize:5; isdataat:2; sid:1;)`, Userspace, "two buffer length checks"},
		{`alert dns any any -> any any (dns.query; isdataat:1,relative; sid:1;)`, Userspace, "relative isdataat not after a plain content"},
		{`alert dns any any -> any any (dns.query; content:"x"; dns.queries.rrname; content:"y"; sid:1;)`, Userspace, "buffer dns.queries.rrname"},
		{`alert tls any any -> any any (flow:established,to_server; tls.sni; content:"x"; nocase; endswith; sid:1;)`, Kernel, ""},
		{`drop tls any any -> any any (flow:to_server; tls.sni; dotprefix; content:".x"; isdataat:!1,relative; bsize:>3; sid:1;)`, Kernel, ""},
		{`alert tcp any any -> any 443 (flow:established; tls.sni; content:"x"; startswith; sid:1;)`, Kernel, ""},
		{`alert tls any any -> any any (flow:only_stream; tls.sni; content:"x"; sid:1;)`, Userspace, "only_stream"},
		{`alert tls any any -> any any (flow:established,to_server; tls.sni; content:"x"; ja3.hash; content:"y"; sid:1;)`, Userspace, "tls.sni with content in buffer ja3.hash"},
		{`alert tls any any -> any any (tls.sni; to_lowercase; content:"x"; sid:1;)`, Userspace, "tls.sni transformed by to_lowercase"},
		{`alert tls any any -> any any (tls.sni; content:"x"; content:"y"; distance:0; sid:1;)`, Userspace, "relative content"},
		{`alert tls any any -> any any (flowbits:isset,a; tls.sni; content:"x"; sid:1;)`, Userspace, "flowbits"},
		{`alert udp any any -> any any (content:"` + strings.Repeat("a", 129) + `"; sid:1;)`, Userspace, "129 bytes"},
		{`alert udp any any -> any any (content:"a"; offset:5000; sid:1;)`, Userspace, "past the kernel scan depth"},
	}
	c := suricata.New(vars.Defaults())
	for _, tc := range cases {
		rules, errs, _ := c.File("t.rules", []byte(tc.rule))
		if errs.Len() > 0 || len(rules) != 1 {
			t.Fatalf("%s: %v", tc.rule, errs)
		}
		d := Decide(rules[0])
		if d.Tier != tc.tier || !strings.Contains(d.Reason, tc.reason) || (tc.reason == "") != (d.Reason == "") {
			t.Errorf("%s: got %s %q, want %s %q", tc.rule, d.Tier, d.Reason, tc.tier, tc.reason)
		}
	}
}

// With a pass rule in userspace, drop and reject rules leave the kernel:
// the classifier would drop what the pass rule, first in Suricata's
// action order, passes. Alert and pass rules stay.
func TestDecideSetPassFirst(t *testing.T) {
	text := `drop ip any any -> any any (sid:1;)
alert tcp any any -> any 23 (sid:2;)
pass tcp any any -> any 22 (flags:S; sid:3;)
`
	rules, errs, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(text))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	for i, d := range DecideSet(rules) {
		if d.Tier != Kernel {
			t.Errorf("without a userspace pass rule: rule %d %+v", i, d)
		}
	}
	rules2, errs, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(text+`pass ssh any any -> any any (sid:4;)
`))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	want := []Tier{Userspace, Kernel, Kernel, Userspace}
	for i, d := range DecideSet(rules2) {
		if d.Tier != want[i] || i == 0 && d.Reason != PassFirstReason {
			t.Errorf("rule %d: %+v, want %s", i, d, want[i])
		}
	}
}

// An IP-only pass rule (ports included), whose action Suricata applies to
// the whole flow, runs in userspace, where the flow keeps it: the
// classifier passes only the packet it matched. The set's drop rules
// follow it.
func TestDecidePassOnFlow(t *testing.T) {
	text := `pass tcp $HOME_NET any -> $EXTERNAL_NET 80 (sid:1;)
pass dns any any -> any any (dns.query; content:"example"; sid:2;)
pass tcp any any -> any 22 (flags:S; sid:3;)
pass tcp any any -> any 23 (flow:to_server; sid:4;)
drop ip any any -> any any (flow:stateless; sid:5;)
`
	rules, errs, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(text))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	want := []Tier{Userspace, Kernel, Kernel, Kernel, Userspace}
	for i, d := range DecideSet(rules) {
		if d.Tier != want[i] {
			t.Errorf("rule %d: %+v, want %s", i, d, want[i])
		}
	}
}
