package suricata

import (
	"fmt"
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// dcerpc.iface (dce_iface) holds when the request's context was bound to
// the interface and accepted: uuid[,version comparison][,any_frag].
func init() {
	setup := func(b *builder, o *syntax.Option) error {
		const name = "dcerpc.iface"
		if err := needDCERPC(b, name); err != nil {
			return err
		}
		args := strings.Split(o.Value, ",")
		if len(args) > 3 {
			return fmt.Errorf("%s %q: %w", name, o.Value, diag.ErrBadValue)
		}
		uuid, err := parseUUID(strings.TrimSpace(args[0]))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		m := &ir.DCEIface{UUID: uuid}
		rest := args[1:]
		if n := len(rest); n > 0 && rest[n-1] == "any_frag" {
			m.AnyFrag, rest = true, rest[:n-1]
		} else if n == 2 {
			return fmt.Errorf("%s %q: the third argument must be any_frag: %w", name, o.Value, diag.ErrBadValue)
		}
		if len(rest) == 1 {
			if m.Version, err = parseCmp(name+" version", rest[0], math.MaxUint16); err != nil {
				return err
			}
		}
		b.add(m)
		return nil
	}
	register("dcerpc.iface", valueRequired, setup)
	register("dce_iface", valueRequired, setup)
}
