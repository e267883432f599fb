package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
)

// Content shorthands (filename, fileext, filemagic, tls.subject,
// tls.issuerdn, tls.fingerprint) take a value that a leading "!" negates
// and that may be quoted, and add one content on their buffer without
// leaving a sticky buffer behind, as their Suricata setups do.

// splitNegation returns a shorthand's value, trimmed, and whether a
// leading "!" negated it.
func splitNegation(raw string) (string, bool) {
	v := strings.TrimSpace(raw)
	if !strings.HasPrefix(v, "!") {
		return v, false
	}
	return strings.TrimSpace(v[1:]), true
}

// trimQuotes drops the double quotes around a shorthand's value.
func trimQuotes(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}

// addShorthand adds c on buf; the payload stays the sticky buffer.
func (b *builder) addShorthand(c *ir.Content, buf string) {
	c.Buffer = ir.Buffer{Name: buf}
	b.buf, b.bufStart = ir.Buffer{Name: ir.BufPayload}, len(b.rule.Matchers)+1
	b.add(c)
}
