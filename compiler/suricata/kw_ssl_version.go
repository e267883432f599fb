package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// sslVersions are ssl_version's names, as bits of ir.SSLVersionClass.
var sslVersions = map[string]int64{"sslv2": 1, "sslv3": 2, "tls1.0": 4, "tls1.1": 8, "tls1.2": 16, "tls1.3": 32}

// ssl_version holds when the version of the inspected side (the client's
// to the server, the server's to the client) is one of the listed ones;
// a leading "!" negates the list, an unknown version never holds.
func init() {
	register("ssl_version", valueRequired, func(b *builder, o *syntax.Option) error {
		if err := b.needApp("tls"); err != nil {
			return err
		}
		s := strings.TrimSpace(o.Value)
		op := "&"
		if rest, ok := strings.CutPrefix(s, "!"); ok {
			op, s = "!&", rest
		}
		var mask int64
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			bit, ok := sslVersions[strings.ToLower(w)]
			if !ok {
				return fmt.Errorf("ssl_version %q: %w", w, diag.ErrBadValue)
			}
			if mask&bit != 0 {
				return fmt.Errorf("ssl_version %q twice: %w", w, diag.ErrBadValue)
			}
			mask |= bit
		}
		if mask == 0 {
			return fmt.Errorf("ssl_version without a version: %w", diag.ErrBadValue)
		}
		b.add(&ir.Field{Name: "ssl_version", Cmp: ir.Cmp{Op: op, A: mask}})
		return nil
	})
}
