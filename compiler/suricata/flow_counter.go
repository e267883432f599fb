package suricata

import (
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
)

// flowCounter reads "dir,cmp" (or just "cmp" when the keyword names the
// direction) into a flow packet or byte count check.
func flowCounter(b *builder, what, dir, v string) error {
	if dir == "" {
		d, rest, ok := strings.Cut(v, ",")
		if !ok {
			return badValue("flow."+what+", want direction,value", v)
		}
		dir, v = strings.TrimSpace(d), rest
		switch dir {
		case "toserver", "toclient", "either", "both":
		default:
			return badValue("flow."+what+" direction", dir)
		}
	}
	c, err := parseCmp("flow."+what, v, math.MaxInt64)
	if err != nil {
		return err
	}
	b.add(&ir.FlowCounter{What: what, Dir: dir, Cmp: c})
	return nil
}
