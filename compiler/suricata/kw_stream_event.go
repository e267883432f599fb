package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// stream-event matches an event of the TCP stream engine.
func init() {
	register("stream-event", valueRequired, func(b *builder, o *syntax.Option) error {
		return eventKeyword(b, o, ir.EventStream, "stream.")
	})
}
