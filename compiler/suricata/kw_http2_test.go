package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestHTTP2Keywords(t *testing.T) {
	for _, c := range []struct {
		opt  string
		want ir.Field
	}{
		{"http2.frametype:GOAWAY;", ir.Field{Name: "http2.frametype", Cmp: ir.Cmp{Op: "=", A: 7}}},
		{"http2.frametype:windowupdate;", ir.Field{Name: "http2.frametype", Cmp: ir.Cmp{Op: "=", A: 8}}},
		{"http2.frametype:3;", ir.Field{Name: "http2.frametype", Cmp: ir.Cmp{Op: "=", A: 3}}},
		{"http2.errorcode:INTERNAL_ERROR;", ir.Field{Name: "http2.errorcode", Cmp: ir.Cmp{Op: "=", A: 2}}},
		{"http2.errorcode:HTTP_1_1_REQUIRED;", ir.Field{Name: "http2.errorcode", Cmp: ir.Cmp{Op: "=", A: 13}}},
		{"http2.priority:>250;", ir.Field{Name: "http2.priority", Cmp: ir.Cmp{Op: ">", A: 250}}},
		{"http2.window:34634;", ir.Field{Name: "http2.window", Cmp: ir.Cmp{Op: "=", A: 34634}}},
		{"http2.settings:SETTINGS_HEADER_TABLE_SIZE>1000;", ir.Field{Name: "http2.settings.1", Cmp: ir.Cmp{Op: ">", A: 1000}}},
		{"http2.settings:SETTINGS_ENABLE_PUSH;", ir.Field{Name: "http2.settings.2", Cmp: ir.Cmp{Op: ">=", A: 0}}},
	} {
		r := mustCompile(t, `alert http2 any any -> any any (`+c.opt+` sid:1;)`)
		if f, ok := r.Matchers[0].(*ir.Field); !ok || *f != c.want {
			t.Errorf("%s: %+v, want %+v", c.opt, r.Matchers[0], c.want)
		}
	}
	r := mustCompile(t, `alert tcp any any -> any any (http2.frametype:PING; sid:1;)`)
	if r.Header.Proto.App != "http2" {
		t.Errorf("a tcp rule with http2.frametype is for protocol %q, want http2", r.Header.Proto.App)
	}
	mustFail(t, `alert http2 any any -> any any (http2.frametype:NOPE; sid:1;)`, diag.ErrBadValue, "http2.frametype")
	mustFail(t, `alert http2 any any -> any any (http2.frametype:256; sid:1;)`, diag.ErrBadRange, "http2.frametype")
	mustFail(t, `alert http2 any any -> any any (http2.errorcode:WHATEVER; sid:1;)`, diag.ErrBadValue, "http2.errorcode")
	mustFail(t, `alert http2 any any -> any any (http2.priority:300; sid:1;)`, diag.ErrBadRange, "http2.priority")
	mustFail(t, `alert http2 any any -> any any (http2.settings:SETTINGS_X>1; sid:1;)`, diag.ErrBadValue, "setting name")
	mustFail(t, `alert http2 any any -> any any (http2.settings:SETTINGS_ENABLE_PUSH>x; sid:1;)`, diag.ErrBadValue, "http2.settings value")
	mustFail(t, `alert dns any any -> any any (http2.window:1; sid:1;)`, diag.ErrConflict, "http2")
}

func TestHTTP2HeaderBuffers(t *testing.T) {
	for _, b := range []string{"http2.header_name", "http2.header"} {
		r := mustCompile(t, `alert tcp any any -> any any (`+b+`; content:"user-agent"; sid:1;)`)
		if c := r.Matchers[0].(*ir.Content); c.Buffer.Name != b || r.Header.Proto.App != "http2" {
			t.Errorf("%s: content in %s, protocol %q", b, c.Buffer.Name, r.Header.Proto.App)
		}
	}
	mustFail(t, `alert dns any any -> any any (http2.header; content:"a"; sid:1;)`, diag.ErrConflict, "http2")
}
