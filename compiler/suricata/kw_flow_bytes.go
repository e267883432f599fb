package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

func init() {
	register("flow.bytes", valueRequired, func(b *builder, o *syntax.Option) error {
		return flowCounter(b, "bytes", "", o.Value)
	})
	register("flow.bytes_toserver", valueRequired, func(b *builder, o *syntax.Option) error {
		return flowCounter(b, "bytes", "toserver", o.Value)
	})
	register("flow.bytes_toclient", valueRequired, func(b *builder, o *syntax.Option) error {
		return flowCounter(b, "bytes", "toclient", o.Value)
	})
}
