package suricata

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("tag", valueRequired, func(b *builder, o *syntax.Option) error {
		args := splitArgs(o.Value)
		t := &ir.Tag{Scope: args[0], Count: 256, Metric: "packets"}
		if t.Scope != "session" && t.Scope != "host" {
			return badValue("tag scope, want session or host", t.Scope)
		}
		if len(args) > 4 || len(args) == 2 {
			return badValue("tag, want scope[,count,metric[,direction]]", o.Value)
		}
		if len(args) >= 3 {
			n, err := intIn("tag count", args[1], 1, math.MaxInt32)
			if err != nil {
				return err
			}
			t.Count, t.Metric = int(n), args[2]
			if t.Metric != "packets" && t.Metric != "seconds" && t.Metric != "bytes" {
				return badValue("tag metric", t.Metric)
			}
		}
		if len(args) == 4 {
			t.Direction = args[3]
			if t.Scope != "host" || (t.Direction != "src" && t.Direction != "dst") {
				return badValue("tag direction", t.Direction)
			}
		}
		b.rule.Tag = t
		return nil
	})
}
