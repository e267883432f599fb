package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ftpbounce matches when the last FTP command is a PORT naming an
// address other than the client's.
func init() {
	register("ftpbounce", valueNone, func(b *builder, _ *syntax.Option) error {
		if err := b.needApp("ftp"); err != nil {
			return err
		}
		b.add(&ir.Field{Name: "ftpbounce", Cmp: ir.Cmp{Op: "=", A: 1}})
		return nil
	})
}
