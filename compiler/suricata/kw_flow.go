package suricata

import (
	"fmt"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("flow", valueRequired, func(b *builder, o *syntax.Option) error {
		f := &b.rule.Flow
		for _, a := range splitArgs(o.Value) {
			switch a {
			case "to_server", "from_client":
				f.ToServer = true
			case "to_client", "from_server":
				f.ToClient = true
			case "established":
				f.Established = true
			case "not_established":
				f.NotEstablished = true
			case "stateless":
				f.Stateless = true
			case "only_stream":
				f.OnlyStream = true
			case "no_stream":
				f.NoStream = true
			case "only_frag":
				f.OnlyFrag = true
			case "no_frag":
				f.NoFrag = true
			default:
				return badValue("flow option", a)
			}
		}
		switch {
		case f.ToServer && f.ToClient:
			return fmt.Errorf("to_server and to_client together: %w", diag.ErrConflict)
		case f.Established && (f.NotEstablished || f.Stateless):
			return fmt.Errorf("established with not_established or stateless: %w", diag.ErrConflict)
		case f.OnlyStream && f.NoStream:
			return fmt.Errorf("only_stream and no_stream together: %w", diag.ErrConflict)
		case f.OnlyFrag && f.NoFrag:
			return fmt.Errorf("only_frag and no_frag together: %w", diag.ErrConflict)
		}
		return nil
	})
}
