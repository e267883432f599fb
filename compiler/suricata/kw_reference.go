package suricata

import (
	"regexp"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// referenceValue is how Suricata reads a reference's value: an optional
// scheme, which then replaces the system's URL prefix, and the longest
// run of URL characters it takes (detect-reference.c's PARSE_REGEX).
var referenceValue = regexp.MustCompile(`^"?\s*"?\s*([a-zA-Z]+://)?([a-zA-Z0-9\-_./?=]+)`)

func init() {
	register("reference", valueRequired, func(b *builder, o *syntax.Option) error {
		kind, value, ok := strings.Cut(o.Value, ",")
		if !ok || strings.TrimSpace(kind) == "" {
			return badValue("reference, want kind,value", o.Value)
		}
		ref := ir.Reference{Kind: strings.TrimSpace(kind), Value: strings.TrimSpace(value)}
		ref.URL = referenceURL(b.refs, ref)
		b.rule.Meta.References = append(b.rule.Meta.References, ref)
		return nil
	})
}

// referenceURL is the reference as Suricata's alerts list it: the
// scheme given, else the system's URL prefix ("undefined" for a system
// reference.config does not name, as Suricata adds it), then the value;
// "" when Suricata would refuse the value.
func referenceURL(systems map[string]string, ref ir.Reference) string {
	m := referenceValue.FindStringSubmatch(ref.Value)
	if m == nil {
		return ""
	}
	if m[1] != "" {
		return m[1] + m[2]
	}
	prefix, ok := systems[strings.ToLower(ref.Kind)]
	if !ok {
		prefix = "undefined"
	}
	return prefix + m[2]
}
