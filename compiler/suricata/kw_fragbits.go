package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// fragbits:[+*!]<M|D|R>... (more fragments, don't fragment, reserved).
func init() {
	register("fragbits", valueRequired, func(b *builder, o *syntax.Option) error {
		s := strings.TrimSpace(o.Value)
		m := &ir.FragBits{}
		if s != "" && strings.IndexByte("+*!", s[0]) >= 0 {
			m.Mod, s = s[:1], strings.TrimSpace(s[1:])
		}
		if s == "" {
			return badValue("fragbits, want [+*!] and M, D or R letters", o.Value)
		}
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case 'M', 'm':
				m.Bits |= 1
			case 'D', 'd':
				m.Bits |= 2
			case 'R', 'r':
				m.Bits |= 4
			default:
				return badValue("fragbits letter", s[i:i+1])
			}
		}
		b.add(m)
		return nil
	})
}
