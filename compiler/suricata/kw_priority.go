package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("priority", valueRequired, func(b *builder, o *syntax.Option) error {
		n, err := intIn("priority", o.Value, 1, 255)
		b.rule.Meta.Priority = int(n)
		return err
	})
}
