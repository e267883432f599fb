package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("bypass", valueNone, func(b *builder, _ *syntax.Option) error {
		b.rule.Bypass = true
		return nil
	})
}
