package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ftp.reply_received matches whether a transaction's command was
// answered with a final (not 1yz) reply.
func init() {
	register("ftp.reply_received", valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("ftp"); err != nil {
			return err
		}
		var yes int64
		switch strings.ToLower(strings.TrimSpace(o.Value)) {
		case "yes", "on", "true", "1":
			yes = 1
		case "no", "off", "false", "0":
		default:
			return badValue("ftp.reply_received, want yes or no", o.Value)
		}
		b.add(&ir.Field{Name: "ftp.reply_received", Cmp: ir.Cmp{Op: "=", A: yes}})
		return nil
	})
}
