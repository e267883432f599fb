package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ftpdata_command matches the transfer command (stor, appe, stou, retr,
// nlst, list, mlsd; lower case, as Suricata takes them) of an ftp-data
// connection.
func init() {
	register("ftpdata_command", valueRequired, func(b *builder, o *syntax.Option) error {
		name := strings.TrimSpace(o.Value)
		code := ir.FTPDataCommand(name)
		if code == 0 || name != strings.ToLower(name) {
			return badValue("ftpdata_command, want stor, appe, stou, retr, nlst, list or mlsd", o.Value)
		}
		if err := b.needApp("ftp-data"); err != nil {
			return err
		}
		b.add(&ir.Field{Name: "ftpdata_command", Cmp: ir.Cmp{Op: "=", A: code}})
		return nil
	})
}
