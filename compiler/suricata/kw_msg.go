package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("msg", valueRequired, func(b *builder, o *syntax.Option) error {
		s, err := unquote("msg", o)
		b.rule.Meta.Msg = s
		return err
	})
}
