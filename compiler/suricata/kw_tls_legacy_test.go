package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestTLSLegacyKeywords(t *testing.T) {
	for _, c := range []struct {
		opts, buf, pat string
		neg            bool
	}{
		{`tls.subject:"C=FR, ST=IDF, L=Paris, O=Stamus, CN=SELKS";`, "tls.cert_subject", "C=FR, ST=IDF, L=Paris, O=Stamus, CN=SELKS", false},
		{`tls.subject:!"CN=*.googleusercontent.com";`, "tls.cert_subject", "CN=*.googleusercontent.com", true},
		{`tls.issuerdn:CN=SELKS;`, "tls.cert_issuer", "CN=SELKS", false},
		{`tls.fingerprint:"3a:0b:3b:23";`, "tls.cert_fingerprint", "3a:0b:3b:23", false},
	} {
		r := mustCompile(t, `alert tls any any -> any any (`+c.opts+` content:"x"; sid:1;)`)
		m, ok := r.Matchers[0].(*ir.Content)
		if !ok || m.Buffer.Name != c.buf || string(m.Pattern) != c.pat || m.Negated != c.neg || m.Nocase {
			t.Errorf("%s: %+v", c.opts, r.Matchers[0])
		}
		if p := r.Matchers[1].(*ir.Content); p.Buffer.Name != ir.BufPayload {
			t.Errorf("%s: a content after it inspects %s, want the payload", c.opts, p.Buffer.Name)
		}
	}
	checkFailures(t, []failCase{
		{`alert tls any any -> any any (tls.subject:"CN=a|00|"; sid:1;)`, diag.ErrBadValue, "tls.subject"},
		{`alert tls any any -> any any (tls.fingerprint:"3a,0b"; sid:1;)`, diag.ErrBadValue, "tls.fingerprint"},
		{`alert http any any -> any any (tls.issuerdn:"CN=x"; sid:1;)`, diag.ErrConflict, ""},
	})
}
