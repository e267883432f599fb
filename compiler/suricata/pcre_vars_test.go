package suricata

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestPCRECaptureVars(t *testing.T) {
	for _, c := range []struct {
		opt, pattern, flags string
		vars                []ir.PCREVar
		namedOnly           bool
	}{
		{`pcre:"/^(.*)\/(\d+\.\d+)/VG, flow:key,flow:value";`, `^(.*)\/(\d+\.\d+)`, "G",
			[]ir.PCREVar{{Scope: "flow", Name: "key"}, {Scope: "flow", Name: "value"}}, false},
		{`pcre:"/(a)(b)(c)/, pkt:key,pkt:value flow:x";`, `(a)(b)(c)`, "",
			[]ir.PCREVar{{Scope: "pkt", KeyValue: true}, {Scope: "flow", Name: "x"}}, false},
		{`pcre:"/(?P<flow_ua_name>[a-z]+)x(?P<pkt_v>\d)/";`, `(?P<flow_ua_name>[a-z]+)x(?P<pkt_v>\d)`, "",
			[]ir.PCREVar{{Scope: "flow", Name: "ua_name"}, {Scope: "pkt", Name: "v"}}, true},
		{`pcre:"/(?P<other_x>a)/";`, `(?P<other_x>a)`, "", nil, true},
		{`pcre:"/pkt:(a)/i";`, `pkt:(a)`, "i", nil, true},
	} {
		r := mustCompile(t, `alert http any any -> any any (`+c.opt+` sid:1;)`)
		p := r.Matchers[0].(*ir.PCRE)
		if p.Pattern != c.pattern || p.Flags != c.flags || fmt.Sprint(p.Vars) != fmt.Sprint(c.vars) || p.NamedOnly != c.namedOnly {
			t.Errorf("%s: %q %q %+v named-only %v", c.opt, p.Pattern, p.Flags, p.Vars, p.NamedOnly)
		}
	}
	for _, c := range []struct {
		opt  string
		err  error
		want string
	}{
		{`pcre:"/(a)/, flow:x,flow:y";`, diag.ErrBadValue, "more capture names"},
		{`pcre:"/(a)(b)/, pkt:value";`, diag.ErrBadValue, "pkt:key"},
		{`pcre:"/(a)(b)/, pkt:key,flow:x";`, diag.ErrBadValue, "pkt:key"},
		{`pcre:"/(a)/, flow:";`, diag.ErrBadValue, "capture name"},
		{`pcre:"/(a)/, alert:x";`, diag.ErrUnsupported, "alert.context"},
		{`pcre:"/(?P<flow_a>a)(?P<flow_b>a)(?P<flow_c>a)(?P<flow_d>a)(?P<flow_e>a)(?P<flow_f>a)(?P<flow_g>a)(?P<flow_h>a)(?P<flow_i>a)/";`,
			diag.ErrLimit, "more than 8"},
	} {
		mustFail(t, `alert http any any -> any any (`+c.opt+` sid:1;)`, c.err, c.want)
	}
}

func TestFlowvarPktvar(t *testing.T) {
	r := mustCompile(t, `alert http any any -> any any (flowvar:ua, "Mo|7a|"; pktvar:k,"v"; sid:1;)`)
	want := []ir.Matcher{&ir.VarMatch{Scope: "flow", Name: "ua", Content: []byte("Moz")}, &ir.VarMatch{Scope: "pkt", Name: "k", Content: []byte("v")}}
	if !reflect.DeepEqual(r.Matchers, want) {
		t.Errorf("got %v, want %v", r.Matchers, want)
	}
	mustFail(t, `alert http any any -> any any (flowvar:ua; sid:1;)`, diag.ErrBadValue, "name,")
	mustFail(t, `alert http any any -> any any (pktvar:,"a"; sid:1;)`, diag.ErrMissing, "variable name")
	mustFail(t, `alert http any any -> any any (flowvar:a,""; sid:1;)`, diag.ErrBadValue, "empty content")
}
