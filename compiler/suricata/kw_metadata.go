package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("metadata", valueRequired, func(b *builder, o *syntax.Option) error {
		for _, item := range splitArgs(o.Value) {
			if item == "" {
				continue
			}
			k, v, _ := strings.Cut(item, " ")
			b.rule.Meta.Metadata = append(b.rule.Meta.Metadata, ir.KV{Key: k, Value: strings.TrimSpace(v)})
		}
		return nil
	})
}
