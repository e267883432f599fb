package suricata

import (
	"errors"
	"reflect"
	"slices"
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
	if diag.Failed(errs.Items) {
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
	if len(m.References) != 1 || m.References[0] != (ir.Reference{Kind: "url", Value: "example.com", URL: "https://example.com"}) {
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
}

func TestTransformAfterMatchesStartsNewInstance(t *testing.T) {
	r := mustCompile(t, `alert dns any any -> any any (dns.query; content:"rs-"; startswith; pcre:"/[a-z]{2}/R"; dotprefix; content:".example.com"; endswith; sid:3;)`)
	for i, m := range r.Matchers[:2] {
		if b := m.Buf(); b.Name != "dns.query" || len(b.Transforms) != 0 {
			t.Errorf("matcher %d buffer = %+v, want the untransformed query", i, b)
		}
	}
	if b := r.Matchers[2].Buf(); b.Name != "dns.query" || !slices.Equal(b.Transforms, []ir.Transform{{Name: "dotprefix"}}) {
		t.Errorf("matcher 2 buffer = %+v", b)
	}
	mustFail(t, `alert dns any any -> any any (dns.query; content:"a"; dotprefix; content:"b"; distance:0; nocase; sid:4; nocase;)`, diag.ErrConflict, "nocase given twice")
}

func TestAllErrorsOfARuleAreReported(t *testing.T) {
	_, errs := compileOne(t, `alert tcp $NOPE any -> any 99999 (nocase; zz; sid:5;)`)
	if errs.Len() != 4 {
		t.Errorf("got %d diagnostics, want 4: %v", errs.Len(), errs.Items)
	}
}

func TestStatefulKeywords(t *testing.T) {
	r := mustCompile(t, `alert tcp any any -> any any (flow:established,to_server; flowbits:isset,a|b; flowbits:set,c; flowbits:noalert; threshold: type limit, count 1, seconds 120, track by_src; detection_filter:track by_dst, count 5, seconds 60; sid:1;)`)
	if !r.Flow.Established || !r.Flow.ToServer || r.Flow.ToClient {
		t.Errorf("flow = %+v", r.Flow)
	}
	if len(r.Bits) != 2 || !r.Bits[0].Any || !slices.Equal(r.Bits[0].Names, []string{"a", "b"}) || r.Bits[1].Cmd != "set" || !r.NoAlert {
		t.Errorf("bits = %+v noalert=%v", r.Bits, r.NoAlert)
	}
	want := []ir.Threshold{{Kind: "limit", Track: "by_src", Count: 1, Seconds: 120}, {Kind: "detection_filter", Track: "by_dst", Count: 5, Seconds: 60}}
	if !slices.Equal(r.Limits, want) {
		t.Errorf("limits = %+v", r.Limits)
	}
	mustFail(t, `alert tcp any any -> any any (flow:to_server,to_client; sid:1;)`, diag.ErrConflict, "to_server and to_client")
	mustFail(t, `alert tcp any any -> any any (flowbits:set,a|b; sid:1;)`, diag.ErrBadValue, "only applies to isset")
	mustFail(t, `alert tcp any any -> any any (threshold:type limit, count 1, seconds 10; sid:1;)`, diag.ErrMissing, "needs track")
	mustFail(t, `alert tcp any any -> any any (threshold:type limit, track by_src, count 1, seconds 10; threshold:type limit, track by_src, count 1, seconds 10; sid:1;)`, diag.ErrConflict, "only one")
	mustFail(t, `alert tcp any any -> any any (flow:sideways; sid:1;)`, diag.ErrBadValue, "sideways")
}

// ET Open sid 2061962 lacks the ';' between threshold and reference:
// Suricata takes the threshold and ignores the rest of the value; so does
// rulec, with a warning naming what it ignored.
func TestThresholdMissingSemicolon(t *testing.T) {
	for _, c := range []struct {
		line, ignored string
		want          ir.Threshold
	}{
		{`alert dns any any -> any any (threshold: type limit, count 1, seconds 120, track by_src reference:url,www.example.com/a/; reference:url,example.com; sid:2061962;)`,
			`"reference:url,www.example.com/a/" after the threshold options is ignored`, ir.Threshold{Kind: "limit", Track: "by_src", Count: 1, Seconds: 120}},
		{`alert tcp any any -> any any (detection_filter: track by_dst, count 5, seconds 60 msg:"x"; sid:1;)`,
			`"msg:\"x\"" after the detection_filter options is ignored`, ir.Threshold{Kind: "detection_filter", Track: "by_dst", Count: 5, Seconds: 60}},
		{`alert tcp any any -> any any (threshold: type limit, track by_src, count 1, seconds 10, priority 3; sid:1;)`,
			`"priority 3" after the threshold options is ignored`, ir.Threshold{Kind: "limit", Track: "by_src", Count: 1, Seconds: 10}},
	} {
		r, errs := compileOne(t, c.line)
		if r == nil || !slices.Equal(r.Limits, []ir.Threshold{c.want}) {
			t.Errorf("%s: rule %v, diagnostics %v", c.line, r, errs)
			continue
		}
		if len(errs.Items) != 1 || !errs.Items[0].Warning() || !errors.Is(errs.Items[0], diag.ErrWarning) || !strings.Contains(errs.Items[0].Error(), c.ignored) {
			t.Errorf("%s: diagnostics %v, want one warning containing %s", c.line, errs, c.ignored)
		}
	}
}

func TestPCREAndSizes(t *testing.T) {
	r := mustCompile(t, `alert tcp any any -> any 80 (pcre:"/a\;b$/smiUR"; pcre:!"/x/"; dsize:>10; urilen:5<>20,raw; http.host; bsize:<=64; sid:1;)`)
	p := r.Matchers[0].(*ir.PCRE)
	if p.Pattern != `a\;b$` || p.Flags != "smi" || !p.Relative || p.Buffer.Name != "http.uri" {
		t.Errorf("pcre = %+v", p)
	}
	if n := r.Matchers[1].(*ir.PCRE); !n.Negated || n.Buffer.Name != ir.BufPayload {
		t.Errorf("negated pcre = %+v", n)
	}
	if d := r.Matchers[2].(*ir.Size); d.What != "dsize" || d.Cmp != (ir.Cmp{Op: ">", A: 10}) {
		t.Errorf("dsize = %+v", d)
	}
	if u := r.Matchers[3].(*ir.Size); u.Buffer.Name != "http.uri.raw" || u.Cmp != (ir.Cmp{Op: "<>", A: 5, B: 20}) {
		t.Errorf("urilen = %+v", u)
	}
	if b := r.Matchers[4].(*ir.Size); b.Buffer.Name != "http.host" || b.Cmp != (ir.Cmp{Op: "<=", A: 64}) {
		t.Errorf("bsize = %+v", b)
	}
	mustFail(t, `alert http any any -> any any (app-layer-event:http.invalid_transfer_encoding_value_in_request; sid:2;)`, diag.ErrUnsupported, `keyword "app-layer-event"`)
	mustFail(t, `alert http any any -> any any (app-layer-event:nodot; sid:2;)`, diag.ErrBadValue, "proto.event")
	mustFail(t, `alert tcp any any -> any any (pcre:"/a/q"; sid:1;)`, diag.ErrBadValue, "unknown pcre modifier")
	mustFail(t, `alert tcp any any -> any any (pcre:"a"; sid:1;)`, diag.ErrBadValue, "pcre")
	mustFail(t, `alert tcp any any -> any any (http.uri; pcre:"/a/H"; sid:1;)`, diag.ErrConflict, "/H in sticky buffer")
	mustFail(t, `alert tcp any any -> any any (dsize:<0; sid:1;)`, diag.ErrBadRange, "never match")
	mustFail(t, `alert tcp any any -> any any (dsize:20<>10; sid:1;)`, diag.ErrBadRange, "empty")
	mustFail(t, `alert tcp any any -> any any (bsize:10; sid:1;)`, diag.ErrMissing, "sticky buffer")
}

func TestVerifyKeywords(t *testing.T) {
	r := mustCompile(t, `pass IP 10.0.0.0/8 any -> any any (ip_proto:6; sid:1;)`)
	if r.Header.Proto.L4 != "tcp" || len(r.Matchers) != 0 {
		t.Errorf("ip_proto:6 = %+v %v", r.Header.Proto, r.Matchers)
	}
	r = mustCompile(t, `alert ip any any -> any any (ip_proto:!tcp; vlan.layers:>1; flow.pkts:toserver,=10; flow.bytes_toclient:>3000; threshold: type backoff, track by_flow, count 2, multiplier 10; prefilter; sid:2;)`)
	want := []ir.Matcher{
		&ir.Field{Name: "ip_proto", Cmp: ir.Cmp{Op: "!=", A: 6}},
		&ir.Field{Name: "vlan.layers", Cmp: ir.Cmp{Op: ">", A: 1}},
		&ir.FlowCounter{What: "pkts", Dir: "toserver", Cmp: ir.Cmp{Op: "=", A: 10}},
		&ir.FlowCounter{What: "bytes", Dir: "toclient", Cmp: ir.Cmp{Op: ">", A: 3000}},
	}
	if !reflect.DeepEqual(r.Matchers, want) {
		t.Errorf("matchers = %+v", r.Matchers)
	}
	if r.Limits[0] != (ir.Threshold{Kind: "backoff", Track: "by_flow", Count: 2, Multiplier: 10}) {
		t.Errorf("backoff = %+v", r.Limits[0])
	}
	r = mustCompile(t, `alert ipv6 any any -> any any (content:"x"; sid:3;)`)
	if len(r.Header.Src.V4) != 0 || len(r.Header.Src.V6) == 0 {
		t.Errorf("ipv6 rule src = %v", r.Header.Src)
	}
	r = mustCompile(t, `alert http any any -> any any (http.uri; from_base64: bytes 6, offset 6, mode rfc2045; zlib_deflate: max-size 8; content:"x"; pcre:/one/U; byte_extract:1,0,n; byte_test:n,=,1,0; sid:4;)`)
	if tr := r.Matchers[0].Buf().Transforms; len(tr) != 2 || tr[0].Arg != "bytes 6, offset 6, mode rfc2045" || tr[1].Arg != "max-size 8" {
		t.Errorf("transforms = %+v", tr)
	}
	if bt := r.Matchers[3].(*ir.ByteTest); bt.Opts.BytesVar != "n" {
		t.Errorf("byte_test bytes var = %+v", bt.Opts)
	}
	mustFail(t, `alert http any any -> any any (http.uri; from_base64: mode base32; sid:5;)`, diag.ErrBadValue, "from_base64 option")
	mustFail(t, `alert ip any any -> any any (flow.pkts:sideways,=1; sid:5;)`, diag.ErrBadValue, "direction")
	mustFail(t, `alert ip any any -> any any (threshold: type backoff, track by_src, count 2, multiplier 10; sid:5;)`, diag.ErrBadValue, "by_flow")
}

func TestEventKeywords(t *testing.T) {
	mustFail(t, `alert ip any any -> any any (decode-event:ipv6.no_such_event; sid:1;)`, diag.ErrUnsupported, "not raised by rulec's decoder")
	mustFail(t, `alert tcp any any -> any any (stream-event:est_packet_out_of_window; sid:1;)`, diag.ErrUnsupported, "stream engine")
	mustFail(t, `alert http any any -> any any (app-layer-event:http.request_line_leading_whitespace; sid:1;)`, diag.ErrUnsupported, "app-layer parsers")
	mustFail(t, `alert http any any -> any any (app-layer-event:nodot; sid:2;)`, diag.ErrBadValue, "proto.event")
	mustFail(t, `alert smtp any any -> any any (app-layer-event:smtp.failed_protocol_change; sid:3;)`, diag.ErrUnsupported, "app-layer parsers")
	mustFail(t, `alert ip any any -> any any (app-layer-event:applayer_proto_detection_skipped; sid:4;)`, diag.ErrUnsupported, "app-layer parsers")
}

func TestEventKeywordsCompile(t *testing.T) {
	r := mustCompile(t, `alert ip any any -> any any (decode-event:decoder.ipv6.frag_overlap; sid:1;)`)
	if ev, ok := r.Matchers[0].(*ir.Event); !ok || ev.Layer != ir.EventDecoder || ev.Name != "ipv6.frag_overlap" {
		t.Errorf("matchers %+v", r.Matchers)
	}
	r = mustCompile(t, `alert tcp any any -> any any (stream-event:stream.suspected_rst_inject; sid:3;)`)
	if ev, ok := r.Matchers[0].(*ir.Event); !ok || ev.Layer != ir.EventStream || ev.Name != "suspected_rst_inject" {
		t.Errorf("matchers %+v", r.Matchers)
	}
	r = mustCompile(t, `alert http any any -> any any (app-layer-event:http.request_too_many_headers; sid:2;)`)
	if ev, ok := r.Matchers[0].(*ir.Event); !ok || ev.Layer != ir.EventAppLayer || ev.Name != "http.request_too_many_headers" {
		t.Errorf("matchers %+v", r.Matchers)
	}
	r = mustCompile(t, `alert smtp any any -> any any (app-layer-event:smtp.bdat_chunk_len_exceeded; sid:3;)`)
	if ev, ok := r.Matchers[0].(*ir.Event); !ok || ev.Name != "smtp.bdat_chunk_len_exceeded" {
		t.Errorf("matchers %+v", r.Matchers)
	}
	// names in any case, as Suricata; no protocol: the app layer's
	// packet events
	r = mustCompile(t, `alert tls any any -> any any (app-layer-event:tls.INVALID_Certificate; sid:4;)`)
	if ev, ok := r.Matchers[0].(*ir.Event); !ok || ev.Name != "tls.invalid_certificate" {
		t.Errorf("matchers %+v", r.Matchers)
	}
	r = mustCompile(t, `alert ip any any -> any any (app-layer-event:APPLAYER_MISMATCH_PROTOCOL_BOTH_DIRECTIONS; sid:5;)`)
	if ev, ok := r.Matchers[0].(*ir.Event); !ok || ev.Name != "applayer_mismatch_protocol_both_directions" {
		t.Errorf("matchers %+v", r.Matchers)
	}
}

func TestDNSFieldKeywords(t *testing.T) {
	r := mustCompile(t, `alert dns any any -> any any (dns.opcode:!0; dns.rcode:3; dns.rrtype:28; sid:1;)`)
	want := []ir.Field{{Name: "dns.opcode", Cmp: ir.Cmp{Op: "!=", A: 0}}, {Name: "dns.rcode", Cmp: ir.Cmp{Op: "=", A: 3}}, {Name: "dns.rrtype", Cmp: ir.Cmp{Op: "=", A: 28}}}
	for i, m := range r.Matchers {
		if f, ok := m.(*ir.Field); !ok || *f != want[i] {
			t.Errorf("matcher %d: %+v", i, m)
		}
	}
	mustFail(t, `alert http any any -> any any (dns.rcode:3; sid:2;)`, diag.ErrConflict, "dns")
	mustFail(t, `alert dns any any -> any any (dns.opcode:16; sid:3;)`, diag.ErrBadRange, "dns.opcode")
}

func TestVLANID(t *testing.T) {
	for _, c := range []struct {
		opt  string
		want ir.VLANID
	}{
		{"vlan.id:300;", ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 300}, AnyLayer: true}},
		{"vlan.id:0x12C,1;", ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 300}, Layer: 1}},
		{"vlan.id:400,-1;", ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 400}, Layer: -1}},
		{"vlan.id:>100,all;", ir.VLANID{Cmp: ir.Cmp{Op: ">", A: 100}, AllLayers: true}},
	} {
		r := mustCompile(t, `alert ip any any -> any any (`+c.opt+` sid:1;)`)
		if got, ok := r.Matchers[0].(*ir.VLANID); !ok || *got != c.want {
			t.Errorf("%s: %+v", c.opt, r.Matchers[0])
		}
	}
	mustFail(t, `alert ip any any -> any any (vlan.id:1,3; sid:1;)`, diag.ErrBadValue, "layer")
}
