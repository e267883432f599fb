package suricata

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// tls.cert_chain_len compares the number of certificates the server sent.
func init() {
	const name = "tls.cert_chain_len"
	register(name, valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("tls"); err != nil {
			return err
		}
		c, err := parseCmp(name, o.Value, math.MaxUint32)
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: name, Cmp: c})
		return nil
	})
}
