package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("threshold", valueRequired, func(b *builder, o *syntax.Option) error {
		t, err := parseThreshold("threshold", o.Value)
		if err != nil {
			return err
		}
		return addThreshold(b, t)
	})
}
