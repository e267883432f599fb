package suricata

import (
	"fmt"
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// filesize compares the size of a file once it is closed (Suricata's
// filesize: a file still open matches nothing). An optional to_server or
// to_client first picks the files' direction.
func init() {
	register("filesize", valueRequired, func(b *builder, o *syntax.Option) error {
		v := strings.TrimSpace(o.Value)
		name := "filesize"
		if dir, rest, ok := strings.Cut(v, ","); ok && (strings.TrimSpace(dir) == "to_server" || strings.TrimSpace(dir) == "to_client") {
			v = rest
			toServer := strings.TrimSpace(dir) == "to_server"
			switch f := &b.rule.Flow; {
			case b.rule.Header.TxBoth:
				if toServer {
					name = ir.ToServerOf(name)
				}
			case toServer && f.ToClient, !toServer && f.ToServer:
				return fmt.Errorf("filesize %s: contradictory directions: %w", strings.TrimSpace(dir), diag.ErrConflict)
			case toServer:
				f.ToServer = true
			default:
				f.ToClient = true
			}
		}
		c, err := parseCmp("filesize", v, math.MaxInt64)
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: name, Cmp: c})
		return nil
	})
}
