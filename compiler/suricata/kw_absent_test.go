package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestAbsent(t *testing.T) {
	r := mustCompile(t, `alert http any any -> any any (http.request_body; absent: or_else; content:!"abc"; http.method; content:"POST"; sid:1;)`)
	a, ok := r.Matchers[0].(*ir.Absent)
	if !ok || !a.OrElse || a.Buffer.Name != "http.request_body" {
		t.Fatalf("matchers %+v", r.Matchers)
	}
	r = mustCompile(t, `alert http any any -> any any (file.data; absent; sid:2;)`)
	if a, ok := r.Matchers[0].(*ir.Absent); !ok || a.OrElse || a.Buffer.Name != "file.data" {
		t.Fatalf("matchers %+v", r.Matchers)
	}
	// Suricata's DetectAbsentTestParse01 cases.
	checkFailures(t, []failCase{
		{`alert http any any -> any any (http.user_agent; absent; content:!"one"; sid:2;)`, diag.ErrConflict, "tested absent and with other keywords"},
		{`alert http any any -> any any (http.user_agent; content:!"one"; absent; sid:2;)`, diag.ErrBadValue, "must come first"},
		{`alert http any any -> any any (http.user_agent; content:"one"; absent: or_else; sid:2;)`, diag.ErrBadValue, "must come first"},
		{`alert http any any -> any any (content:!"one"; absent: or_else; sid:2;)`, diag.ErrMissing, "sticky buffer"},
		{`alert http any any -> any any (http.user_agent; absent: or_else; sid:2;)`, diag.ErrMissing, "without keywords"},
		{`alert http any any -> any any (http.user_agent; absent: or_else; content:"a"; fast_pattern; sid:2;)`, diag.ErrConflict, "fast_pattern"},
		{`alert http any any -> any any (http.user_agent; absent: maybe; sid:2;)`, diag.ErrBadValue, "or_else"},
	})
}
