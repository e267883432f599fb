package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("noalert", valueNone, func(b *builder, _ *syntax.Option) error {
		b.rule.NoAlert, b.rule.PassAlert = true, false
		return nil
	})
}
