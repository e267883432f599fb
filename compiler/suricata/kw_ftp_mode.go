package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ftp.mode matches the mode (active: PORT, EPRT; passive: PASV, EPSV) of
// a transaction whose reply set a dynamic port.
func init() {
	register("ftp.mode", valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("ftp"); err != nil {
			return err
		}
		var active int64
		switch strings.ToLower(strings.TrimSpace(o.Value)) {
		case "active":
			active = 1
		case "passive":
		default:
			return badValue("ftp.mode, want active or passive", o.Value)
		}
		b.add(&ir.Field{Name: "ftp.mode", Cmp: ir.Cmp{Op: "=", A: active}})
		return nil
	})
}
