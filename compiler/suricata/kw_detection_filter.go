package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("detection_filter", valueRequired, func(b *builder, o *syntax.Option) error {
		t, err := parseThreshold("detection_filter", o.Value)
		if err != nil {
			return err
		}
		return addThreshold(b, t)
	})
}
