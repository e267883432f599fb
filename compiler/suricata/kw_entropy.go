package suricata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// entropyMaxOffset bounds entropy's offset, as Suricata's parser does.
const entropyMaxOffset = 65535

func init() {
	register("entropy", valueRequired, func(b *builder, o *syntax.Option) error {
		m := &ir.Entropy{Buffer: b.buf, Var: suricataBufferName(b.buf.Name)}
		parts := strings.Split(o.Value, ",")
		if len(parts) > 3 {
			return badValue("entropy, want at most bytes, offset and value", o.Value)
		}
		seen := map[string]bool{}
		for _, p := range parts {
			name, val, _ := strings.Cut(strings.TrimLeft(p, " \t"), " ")
			val = strings.TrimSpace(val)
			if seen[name] {
				return fmt.Errorf("entropy %s given twice: %w", name, diag.ErrConflict)
			}
			seen[name] = true
			var err error
			switch name {
			case "bytes":
				m.Bytes, err = entropyInt("bytes", val, -1<<31, 1<<31-1)
			case "offset":
				m.Offset, err = entropyInt("offset", val, -entropyMaxOffset, entropyMaxOffset)
			case "value":
				m.Value, err = parseFloatCmp("entropy value", val)
			default:
				return badValue("entropy option, want bytes, offset or value", name)
			}
			if err != nil {
				return err
			}
		}
		if !seen["value"] {
			return fmt.Errorf("entropy needs a value: %w", diag.ErrMissing)
		}
		b.add(m)
		return nil
	})
}

func entropyInt(what, s string, lo, hi int64) (int, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, badValue("entropy "+what, s)
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("entropy %s %d out of range [%d, %d]: %w", what, n, lo, hi, diag.ErrBadRange)
	}
	return int(n), nil
}
