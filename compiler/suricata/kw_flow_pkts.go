package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("flow.pkts", valueRequired, func(b *builder, o *syntax.Option) error {
		return flowCounter(b, "pkts", "", o.Value)
	})
	register("flow.pkts_toserver", valueRequired, func(b *builder, o *syntax.Option) error {
		return flowCounter(b, "pkts", "toserver", o.Value)
	})
	register("flow.pkts_toclient", valueRequired, func(b *builder, o *syntax.Option) error {
		return flowCounter(b, "pkts", "toclient", o.Value)
	})
}
