package suricata

import (
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("urilen", valueRequired, func(b *builder, o *syntax.Option) error {
		v, kind, _ := strings.Cut(o.Value, ",")
		buf := "http.uri"
		switch strings.TrimSpace(kind) {
		case "", "norm":
		case "raw":
			buf = "http.uri.raw"
		default:
			return badValue("urilen, want N[,norm|raw]", o.Value)
		}
		c, err := parseCmp("urilen", v, math.MaxUint32)
		if err != nil {
			return err
		}
		if err := b.needApp("http"); err != nil {
			return err
		}
		b.add(&ir.Size{Buffer: ir.Buffer{Name: buf}, What: "urilen", Cmp: c})
		return nil
	})
}
