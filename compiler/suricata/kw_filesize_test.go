package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
)

func TestFilesize(t *testing.T) {
	for _, c := range []struct {
		rule, name string
		cmp        ir.Cmp
		toClient   bool
	}{
		{`alert http any any -> any any (filesize:>100; sid:1;)`, "filesize", ir.Cmp{Op: ">", A: 100}, false},
		{`alert http any any -> any any (filesize:to_client, <100; sid:1;)`, "filesize", ir.Cmp{Op: "<", A: 100}, true},
		{`alert http any any -> any any (filesize:100<>200; sid:1;)`, "filesize", ir.Cmp{Op: "<>", A: 100, B: 200}, false},
		{`alert http any any => any any (http.uri; content:"/a"; http.stat_code; content:"200"; filesize:to_server, 10; sid:1;)`,
			ir.ToServerOf("filesize"), ir.Cmp{Op: "=", A: 10}, false},
	} {
		r := mustCompile(t, c.rule)
		var f *ir.Field
		for _, m := range r.Matchers {
			if x, ok := m.(*ir.Field); ok {
				f = x
			}
		}
		if f == nil || f.Name != c.name || f.Cmp != c.cmp || r.Flow.ToClient != c.toClient {
			t.Errorf("%s: %+v flow %+v", c.rule, f, r.Flow)
		}
	}
	for _, bad := range []string{
		`alert http any any -> any any (filesize:abc; sid:1;)`,
		`alert http any any -> any any (flow:to_server; filesize:to_client, 1; sid:1;)`,
	} {
		if r, _ := compileOne(t, bad); r != nil {
			t.Errorf("%s compiled", bad)
		}
	}
}

func TestEmailBuffers(t *testing.T) {
	for _, kw := range []string{"email.from", "email.subject", "email.to", "email.cc", "email.date", "email.message_id",
		"email.x_mailer", "email.url", "email.received", "file.magic"} {
		r := mustCompile(t, `alert smtp any any -> any any (`+kw+`; content:"x"; sid:1;)`)
		if c := r.Matchers[0].(*ir.Content); c.Buffer.Name != kw {
			t.Errorf("%s: content in %s", kw, c.Buffer.Name)
		}
	}
}
