package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ftp.dynamic_port compares the dynamic port the reply to a PORT, EPRT,
// PASV or EPSV command set on its transaction.
func init() {
	register("ftp.dynamic_port", valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("ftp"); err != nil {
			return err
		}
		c, err := parseCmp("ftp.dynamic_port", o.Value, 65535)
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: "ftp.dynamic_port", Cmp: c})
		return nil
	})
}
