package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// tcpFlagBits maps flags letters to TCP header bits; 1 and 2 are the
// legacy names of CWR and ECE.
var tcpFlagBits = map[byte]uint8{
	'F': 0x01, 'S': 0x02, 'R': 0x04, 'P': 0x08, 'A': 0x10, 'U': 0x20,
	'E': 0x40, '2': 0x40, 'C': 0x80, '1': 0x80,
}

// tcp.flags is Suricata 8's name of flags, which stays as its alias.
func init() {
	register("tcp.flags", valueRequired, tcpFlags("tcp.flags"))
	register("flags", valueRequired, tcpFlags("flags"))
}

func tcpFlags(name string) func(b *builder, o *syntax.Option) error {
	return func(b *builder, o *syntax.Option) error {
		if err := needL4(b, name, "tcp"); err != nil {
			return err
		}
		set, ignore, hasIgnore := strings.Cut(o.Value, ",")
		m := &ir.TCPFlags{}
		s := strings.TrimSpace(set)
		if s != "" && strings.IndexByte("+*!", s[0]) >= 0 {
			m.Mod, s = s[:1], strings.TrimSpace(s[1:])
		}
		found := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case strings.IndexByte("+*!", c) >= 0:
				if m.Mod != "" {
					return fmt.Errorf("only one modifier of +, * and !: %w", diag.ErrConflict)
				}
				m.Mod = s[i : i+1]
			case c == '0':
				m.Flags, found = 0, true
			case tcpFlagBits[c] != 0:
				m.Flags |= tcpFlagBits[c]
				found = true
			default:
				return badValue("flags letter", s[i:i+1])
			}
		}
		if !found {
			return badValue("flags, want [!+*]FSRPAUCE0 letters", o.Value)
		}
		if hasIgnore {
			ignore = strings.TrimSpace(ignore)
			if ignore == "" {
				return badValue("flags ignore mask", ignore)
			}
			for i := 0; i < len(ignore); i++ {
				bit := tcpFlagBits[ignore[i]]
				if bit == 0 {
					return badValue("flags ignore mask letter", ignore[i:i+1])
				}
				m.Ignore |= bit
			}
		}
		b.add(m)
		return nil
	}
}
