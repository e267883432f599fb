package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// decode-event matches a decoder or defragmentation event on the packet.
func init() {
	register("decode-event", valueRequired, func(b *builder, o *syntax.Option) error {
		return eventKeyword(b, o, ir.EventDecoder, "decoder.")
	})
}
