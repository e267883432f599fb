package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestTLSFieldKeywords(t *testing.T) {
	checkMatchers(t, []matcherCase{
		{`alert tls any any -> any any (ssl_version:tls1.2; sid:1;)`, &ir.Field{Name: "ssl_version", Cmp: ir.Cmp{Op: "&", A: 16}}},
		{`alert tls any any -> any any (ssl_version:sslv2, TLS1.3; sid:1;)`, &ir.Field{Name: "ssl_version", Cmp: ir.Cmp{Op: "&", A: 33}}},
		{`alert tls any any -> any any (ssl_version:!sslv3,tls1.0; sid:1;)`, &ir.Field{Name: "ssl_version", Cmp: ir.Cmp{Op: "!&", A: 6}}},
		{`alert tls any any -> any any (tls.cert_chain_len:>2; sid:1;)`, &ir.Field{Name: "tls.cert_chain_len", Cmp: ir.Cmp{Op: ">", A: 2}}},
		{`alert tcp any any -> any any (tls.cert_chain_len:1; sid:1;)`, &ir.Field{Name: "tls.cert_chain_len", Cmp: ir.Cmp{Op: "=", A: 1}}},
	})
	checkFailures(t, []failCase{
		{`alert tls any any -> any any (ssl_version:tls1.4; sid:1;)`, diag.ErrBadValue, `ssl_version "tls1.4"`},
		{`alert tls any any -> any any (ssl_version:tls1.2,tls1.2; sid:1;)`, diag.ErrBadValue, "twice"},
		{`alert tls any any -> any any (ssl_version:!; sid:1;)`, diag.ErrBadValue, "without a version"},
		{`alert http any any -> any any (ssl_version:tls1.2; sid:1;)`, diag.ErrConflict, ""},
	})
}
