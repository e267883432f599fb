package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("target", valueRequired, func(b *builder, o *syntax.Option) error {
		switch o.Value {
		case "src_ip":
			b.rule.Target = "src"
		case "dest_ip":
			b.rule.Target = "dest"
		default:
			return badValue("target, want src_ip or dest_ip", o.Value)
		}
		return nil
	})
}
