package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("reference", valueRequired, func(b *builder, o *syntax.Option) error {
		kind, value, ok := strings.Cut(o.Value, ",")
		if !ok || strings.TrimSpace(kind) == "" {
			return badValue("reference, want kind,value", o.Value)
		}
		ref := ir.Reference{Kind: strings.TrimSpace(kind), Value: strings.TrimSpace(value)}
		if prefix, ok := b.refs[strings.ToLower(ref.Kind)]; ok {
			ref.URL = prefix + ref.Value
		}
		b.rule.Meta.References = append(b.rule.Meta.References, ref)
		return nil
	})
}
