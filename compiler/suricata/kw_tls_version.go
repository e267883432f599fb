package suricata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// tls.version compares the inspected side's version (the client's to the
// server, the server's to the client): 1.0 to 1.3, TLS 1.3 drafts counting
// as 1.3, or a raw 0xHHHH value compared as it is.
func init() {
	register("tls.version", valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("tls"); err != nil {
			return err
		}
		v := strings.Trim(strings.TrimSpace(o.Value), `"`)
		name := "tls.version"
		var n int64
		switch {
		case strings.HasPrefix(v, "1.0"):
			n = 0x0301
		case strings.HasPrefix(v, "1.1"):
			n = 0x0302
		case strings.HasPrefix(v, "1.2"):
			n = 0x0303
		case strings.HasPrefix(v, "1.3"):
			n = 0x0304
		case strings.HasPrefix(v, "0x") && len(v) == 6:
			x, err := strconv.ParseUint(v[2:], 16, 16)
			if err != nil {
				return fmt.Errorf("tls.version %q: %w", o.Value, diag.ErrBadValue)
			}
			n, name = int64(x), "tls.version.raw"
		default:
			return fmt.Errorf("tls.version %q, want 1.0 to 1.3 or 0xHHHH: %w", o.Value, diag.ErrBadValue)
		}
		b.add(&ir.Field{Name: name, Cmp: ir.Cmp{Op: "=", A: n}})
		return nil
	})
}
