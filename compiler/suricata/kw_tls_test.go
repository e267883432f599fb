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
		{`alert tls any any -> any any (tls.version:1.2; sid:1;)`, &ir.Field{Name: "tls.version", Cmp: ir.Cmp{Op: "=", A: 0x0303}}},
		{`alert tls any any -> any any (tls.version:"1.3"; sid:1;)`, &ir.Field{Name: "tls.version", Cmp: ir.Cmp{Op: "=", A: 0x0304}}},
		{`alert tls any any -> any any (tls.version:0x7f1c; sid:1;)`, &ir.Field{Name: "tls.version.raw", Cmp: ir.Cmp{Op: "=", A: 0x7f1c}}},
		{`alert tls any any -> any any (tls_cert_notbefore:<2019-01-01; sid:1;)`, &ir.Field{Name: "tls_cert_notbefore", Cmp: ir.Cmp{Op: "<=", A: 1546300800}}},
		{`alert tls any any -> any any (tls_cert_notafter:>2020; sid:1;)`, &ir.Field{Name: "tls_cert_notafter", Cmp: ir.Cmp{Op: ">=", A: 1577836800}}},
		{`alert tls any any -> any any (tls_cert_notafter:2020-12-01T00:00:00<>2020-12-03 00:00; sid:1;)`,
			&ir.Field{Name: "tls_cert_notafter", Cmp: ir.Cmp{Op: "<=>", A: 1606780800, B: 1606953600}}},
		{`alert tls any any -> any any (tls_cert_notafter:1606780800; sid:1;)`, &ir.Field{Name: "tls_cert_notafter", Cmp: ir.Cmp{Op: "=", A: 1606780800}}},
		{`alert tls any any -> any any (tls_cert_expired; sid:1;)`, &ir.Field{Name: "tls_cert_expired", Cmp: ir.Cmp{Op: "=", A: 1}}},
		{`alert tls any any -> any any (tls_cert_valid; sid:1;)`, &ir.Field{Name: "tls_cert_valid", Cmp: ir.Cmp{Op: "=", A: 1}}},
	})
	checkFailures(t, []failCase{
		{`alert tls any any -> any any (ssl_version:tls1.4; sid:1;)`, diag.ErrBadValue, `ssl_version "tls1.4"`},
		{`alert tls any any -> any any (ssl_version:tls1.2,tls1.2; sid:1;)`, diag.ErrBadValue, "twice"},
		{`alert tls any any -> any any (ssl_version:!; sid:1;)`, diag.ErrBadValue, "without a version"},
		{`alert http any any -> any any (ssl_version:tls1.2; sid:1;)`, diag.ErrConflict, ""},
		{`alert tls any any -> any any (tls.version:1.4; sid:1;)`, diag.ErrBadValue, "want 1.0 to 1.3"},
		{`alert tls any any -> any any (tls.version:0x03; sid:1;)`, diag.ErrBadValue, "want 1.0 to 1.3"},
		{`alert tls any any -> any any (tls_cert_notafter:yesterday; sid:1;)`, diag.ErrBadValue, "tls_cert_notafter"},
		{`alert tls any any -> any any (tls_cert_notafter:2021<>2020; sid:1;)`, diag.ErrBadRange, "empty"},
		{`alert tls any any -> any any (tls_cert_notbefore:<2019<>2020; sid:1;)`, diag.ErrBadValue, "a range with <"},
	})
}
