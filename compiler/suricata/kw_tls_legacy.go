package suricata

import (
	"regexp"

	syntax "github.com/rulec/rulec/grammar/suricata"
)

// tls.subject and tls.issuerdn are Suricata's older forms of a content on
// tls.cert_subject and tls.cert_issuer: tls.subject:"CN=x" matches when
// the certificate's subject holds "CN=x" (case-sensitive; ! negates it,
// a flow without certificate matches neither way); tls.fingerprint:"x"
// is a content on tls.cert_fingerprint. Like their Suricata setup, they
// leave no sticky buffer behind.
func init() {
	register("tls.subject", valueRequired, func(b *builder, o *syntax.Option) error {
		return tlsLegacyContent(b, o, "tls.cert_subject", dnValue)
	})
	register("tls.issuerdn", valueRequired, func(b *builder, o *syntax.Option) error {
		return tlsLegacyContent(b, o, "tls.cert_issuer", dnValue)
	})
	register("tls.fingerprint", valueRequired, func(b *builder, o *syntax.Option) error {
		return tlsLegacyContent(b, o, "tls.cert_fingerprint", fingerprintValue)
	})
}

// dnValue and fingerprintValue are the values Suricata's parser takes
// (detect-tls.c's PARSE_REGEX and PARSE_REGEX_FINGERPRINT).
var (
	dnValue          = regexp.MustCompile(`^([A-z0-9\s\-.=,*@]+|"[A-z0-9\s\-.=,*@]+")\s*$`)
	fingerprintValue = regexp.MustCompile(`^([A-z0-9:*]+|"[A-z0-9:* ]+")\s*$`)
)

func tlsLegacyContent(b *builder, o *syntax.Option, buf string, valid *regexp.Regexp) error {
	if err := b.needApp("tls"); err != nil {
		return err
	}
	v, neg := splitNegation(o.Value)
	if !valid.MatchString(v) {
		return badValue(o.Name, o.Value)
	}
	c, err := parseContent(`"` + trimQuotes(v) + `"`)
	if err != nil {
		return err
	}
	c.Negated = neg
	b.addShorthand(c, buf)
	return nil
}
