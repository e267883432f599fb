package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("alert", valueNone, func(b *builder, _ *syntax.Option) error {
		b.rule.NoAlert, b.rule.PassAlert = false, true
		return nil
	})
}
