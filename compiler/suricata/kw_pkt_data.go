package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("pkt_data", valueNone, func(b *builder, _ *syntax.Option) error {
		return b.setBuffer(ir.BufPayload, "")
	})
}
