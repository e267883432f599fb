package suricata

import (
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestXbits(t *testing.T) {
	for _, c := range []struct {
		rule string
		want ir.Bit
	}{
		{`alert tcp any any -> any any (xbits:set,ET.CVE-2023-46604.attempt, track ip_dst, expire 300; sid:1;)`,
			ir.Bit{Kind: "xbits", Cmd: "set", Names: []string{"ET.CVE-2023-46604.attempt"}, Track: "ip_dst", Expire: 300}},
		{`alert udp any any -> any any (xbits:isset,ET.gptdoor.udp,track ip_pair,expire 10; sid:1;)`,
			ir.Bit{Kind: "xbits", Cmd: "isset", Names: []string{"ET.gptdoor.udp"}, Track: "ip_pair", Expire: 10}},
		{`alert tcp any any -> any any (xbits:set, ET.PROPFIND, track ip_src, expire 360; sid:1;)`,
			ir.Bit{Kind: "xbits", Cmd: "set", Names: []string{"ET.PROPFIND"}, Track: "ip_src", Expire: 360}},
		{`alert tcp any any -> any any (xbits:isnotset,a,track ip_src; sid:1;)`,
			ir.Bit{Kind: "xbits", Cmd: "isnotset", Names: []string{"a"}, Track: "ip_src", Expire: 30}},
		{`alert tcp any any -> any any (xbits:toggle,a,track ip_dst; sid:1;)`,
			ir.Bit{Kind: "xbits", Cmd: "toggle", Names: []string{"a"}, Track: "ip_dst", Expire: 30}},
	} {
		r := mustCompile(t, c.rule)
		if len(r.Bits) != 1 || !reflect.DeepEqual(r.Bits[0], c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.rule, r.Bits, c.want)
		}
		if len(r.Matchers) != 0 {
			t.Errorf("%s: xbits added matchers %v", c.rule, r.Matchers)
		}
	}
}

func TestXbitsErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (xbits:noalert; sid:1;)`, diag.ErrBadValue, "xbits: bad xbits, want cmd,name,track T[,expire N]"},
		{`alert tcp any any -> any any (xbits:set,a; sid:1;)`, diag.ErrBadValue, "want cmd,name,track"},
		{`alert tcp any any -> any any (xbits:set,a,track ip_src,expire 1,x; sid:1;)`, diag.ErrBadValue, "want cmd,name,track"},
		{`alert tcp any any -> any any (xbits:on,a,track ip_src; sid:1;)`, diag.ErrBadValue, `bad xbits command "on"`},
		{`alert tcp any any -> any any (xbits:set,,track ip_src; sid:1;)`, diag.ErrBadValue, `bad xbits name ""`},
		{`alert tcp any any -> any any (xbits:set,a b,track ip_src; sid:1;)`, diag.ErrBadValue, `bad xbits name "a b"`},
		{`alert tcp any any -> any any (xbits:set,a,ip_src; sid:1;)`, diag.ErrBadValue, "want track ip_src|ip_dst|ip_pair|tx"},
		{`alert tcp any any -> any any (xbits:unset,a,track  tx; sid:1;)`, diag.ErrUnsupported, "xbits tracked by tx unsupported"},
		{`alert tcp any any -> any any (xbits:set,a,track by_src; sid:1;)`, diag.ErrBadValue, `bad xbits track "by_src"`},
		{`alert tcp any any -> any any (xbits:set,a,track ip_src,expire 0; sid:1;)`, diag.ErrBadRange, "xbits expire 0 out of range"},
		{`alert tcp any any -> any any (xbits:set,a,track ip_src,expire; sid:1;)`, diag.ErrBadValue, "want expire N"},
		{`alert tcp any any -> any any (xbits:set,a,track ip_src,timeout 5; sid:1;)`, diag.ErrBadValue, "want expire N"},
	})
}
