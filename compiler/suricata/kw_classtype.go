package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("classtype", valueRequired, func(b *builder, o *syntax.Option) error {
		name := strings.ToLower(strings.TrimSpace(o.Value))
		if _, ok := b.classes[name]; !ok {
			return fmt.Errorf("unknown classtype %q: %w", name, diag.ErrBadValue)
		}
		b.rule.Meta.Classtype = name
		return nil
	})
}
