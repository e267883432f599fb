package suricata

import (
	"errors"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/diag"
)

// compileOne compiles a single rule line and returns the rule or its
// diagnostics.
func compileOne(t *testing.T, line string) (*ir.Rule, *diag.List) {
	t.Helper()
	rules, errs, _ := New(vars.Defaults()).File("t.rules", []byte(line))
	if errs.Len() > 0 {
		return nil, errs
	}
	if len(rules) != 1 {
		t.Fatalf("%s: got %d rules", line, len(rules))
	}
	return rules[0], errs
}

// mustCompile compiles a rule that must succeed.
func mustCompile(t *testing.T, line string) *ir.Rule {
	t.Helper()
	r, errs := compileOne(t, line)
	if r == nil {
		t.Fatalf("%s: %v", line, errs)
	}
	return r
}

// mustFail compiles a rule that must fail with a diagnostic wrapping
// sentinel whose text contains want.
func mustFail(t *testing.T, line string, sentinel error, want string) {
	t.Helper()
	r, errs := compileOne(t, line)
	if r != nil {
		t.Fatalf("%s: compiled, want %v", line, sentinel)
	}
	for _, d := range errs.Items {
		if errors.Is(d, sentinel) && strings.Contains(d.Error(), want) {
			return
		}
	}
	t.Errorf("%s: got %v, want %v containing %q", line, errs, sentinel, want)
}

func TestHeaderAndMeta(t *testing.T) {
	r := mustCompile(t, `alert http $HOME_NET any -> $EXTERNAL_NET [80,8080] (msg:"ET x\; y"; classtype:trojan-activity; reference:url,example.com; metadata:created_at 2020_01_01, signature_severity Major; sid:2000001; rev:3;)`)
	if r.Header.Proto != (ir.Proto{L4: "tcp", App: "http"}) {
		t.Errorf("proto = %+v", r.Header.Proto)
	}
	if r.Header.DstPorts.String() != "[80,8080]" || r.Header.Src.String() != "[10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]" {
		t.Errorf("header = %v %v", r.Header.Src, r.Header.DstPorts)
	}
	m := r.Meta
	if m.SID != 2000001 || m.Rev != 3 || m.GID != 1 || m.Msg != "ET x; y" || m.Priority != 1 {
		t.Errorf("meta = %+v", m)
	}
	if len(m.Metadata) != 2 || m.Metadata[1] != (ir.KV{Key: "signature_severity", Value: "Major"}) {
		t.Errorf("metadata = %+v", m.Metadata)
	}
	if len(m.References) != 1 || m.References[0] != (ir.Reference{Kind: "url", Value: "example.com"}) {
		t.Errorf("references = %+v", m.References)
	}
}

func TestContentModifiers(t *testing.T) {
	r := mustCompile(t, `alert tcp any any -> any any (content:"GET"; depth:3; content:!"|0d 0a|x"; distance:0; within:10; nocase; http.uri; content:"/a"; startswith; fast_pattern; content:"b"; sid:1;)`)
	if len(r.Matchers) != 4 {
		t.Fatalf("matchers = %d", len(r.Matchers))
	}
	c0, c1, c2, c3 := r.Matchers[0].(*ir.Content), r.Matchers[1].(*ir.Content), r.Matchers[2].(*ir.Content), r.Matchers[3].(*ir.Content)
	if string(c0.Pattern) != "GET" || c0.Depth.Val != 3 || c0.Buffer.Name != ir.BufPayload {
		t.Errorf("c0 = %+v", c0)
	}
	if string(c1.Pattern) != "\r\nx" || !c1.Negated || !c1.Nocase || c1.Within.Val != 10 || c1.Distance.Val != 0 || !c1.Relative() {
		t.Errorf("c1 = %+v", c1)
	}
	if c2.Buffer.Name != "http.uri" || !c2.StartsWith || c2.FastPattern == nil {
		t.Errorf("c2 = %+v", c2)
	}
	if c3.Buffer.Name != "http.uri" {
		t.Errorf("c3 in %s, want the sticky http.uri", c3.Buffer.Name)
	}
}

func TestLegacyModifierMovesContent(t *testing.T) {
	r := mustCompile(t, `alert tcp any any -> any 80 (content:"cmd="; http_uri; content:"x"; sid:1;)`)
	if b := r.Matchers[0].Buf().Name; b != "http.uri" {
		t.Errorf("buffer = %s", b)
	}
	if b := r.Matchers[1].Buf().Name; b != ir.BufPayload {
		t.Errorf("second buffer = %s", b)
	}
	if r.Header.Proto.App != "http" {
		t.Errorf("app = %q", r.Header.Proto.App)
	}
}

func TestDiagnostics(t *testing.T) {
	mustFail(t, `alert tcp any any -> any any (content:"abcd"; depth:2; sid:1;)`, diag.ErrConflict, "depth 2 is shorter")
	mustFail(t, `alert tcp any any -> any any (content:"a"; offset:1; distance:2; sid:1;)`, diag.ErrConflict, "absolute")
	mustFail(t, `alert tcp any any -> any any (content:"a"; startswith; depth:4; sid:1;)`, diag.ErrConflict, "startswith")
	mustFail(t, `alert tcp any any -> any any (content:"a"; nocase; nocase; sid:1;)`, diag.ErrConflict, "twice")
	mustFail(t, `alert tcp any any -> any any (content:!"a"; fast_pattern:only; sid:1;)`, diag.ErrConflict, "fast_pattern:only")
	mustFail(t, `alert tcp any any -> any any (content:"a"; fast_pattern; content:"b"; fast_pattern; sid:1;)`, diag.ErrConflict, "one fast_pattern")
	mustFail(t, `alert tcp any any -> any any (nocase; sid:1;)`, diag.ErrMissing, "preceding content")
	mustFail(t, `alert tcp any any -> any any (content:"a"; http.uri; content:"b"; http_uri; sid:1;)`, diag.ErrConflict, "sticky")
	mustFail(t, `alert udp any any -> any any (http.uri; content:"b"; sid:1;)`, diag.ErrConflict, "http buffer in a udp rule")
	mustFail(t, `alert dns any any -> any any (http.uri; content:"b"; sid:1;)`, diag.ErrConflict, "http buffer in a dns rule")
	mustFail(t, `alert tcp any any -> any any (content:"a"; sid:1; frobnicate:3;)`, diag.ErrUnsupported, `t.rules:1:51: sid 1: keyword "frobnicate" unsupported`)
	mustFail(t, `alert tcp $NOPE any -> any any (sid:7;)`, diag.ErrUnknownVar, "t.rules:1:11: sid 7: source address: $NOPE")
	mustFail(t, `alert tcp any any -> any 90:80 (sid:7;)`, diag.ErrBadRange, "runs backwards")
	mustFail(t, `alert tcp any any -> any any (msg:"x";)`, diag.ErrMissing, "no sid")
	mustFail(t, `alert tcp any any -> any any (classtype:nope; sid:3;)`, diag.ErrBadValue, "unknown classtype")
	mustFail(t, `alert tcp any any -> any any (content:"a"; content:"b"; within:zz; sid:3;)`, diag.ErrBadValue, "byte_extract variable")
	mustFail(t, `alert foo any any -> any any (sid:3;)`, diag.ErrUnsupported, `protocol "foo"`)
	mustFail(t, `alert http any any -> any any (http.uri; content:"a"; dotprefix; sid:3;)`, diag.ErrConflict, "before the matches")
}

func TestAllErrorsOfARuleAreReported(t *testing.T) {
	_, errs := compileOne(t, `alert tcp $NOPE any -> any 99999 (nocase; zz; sid:5;)`)
	if errs.Len() != 4 {
		t.Errorf("got %d diagnostics, want 4: %v", errs.Len(), errs.Items)
	}
}
