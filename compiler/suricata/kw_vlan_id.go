package suricata

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

var hexNumber = regexp.MustCompile(`0[xX][0-9a-fA-F]+`)

// vlan.id:[op]id[,layer] compares the VLAN id at a layer (0 outermost,
// negative from the innermost), at any layer when none is given, or at
// every layer ("all"); ids may be hexadecimal.
func init() {
	register("vlan.id", valueRequired, func(b *builder, o *syntax.Option) error {
		val, layer, hasLayer := strings.Cut(o.Value, ",")
		val = hexNumber.ReplaceAllStringFunc(strings.TrimSpace(val), func(h string) string {
			n, _ := strconv.ParseInt(h[2:], 16, 32)
			return strconv.FormatInt(n, 10)
		})
		c, err := parseCmp("vlan.id", val, 4095)
		if err != nil {
			return err
		}
		m := &ir.VLANID{Cmp: c, AnyLayer: !hasLayer}
		switch layer = strings.TrimSpace(layer); {
		case !hasLayer:
		case layer == "all":
			m.AllLayers = true
		default:
			n, err := strconv.Atoi(layer)
			if err != nil || n < -3 || n > 2 {
				return badValue("vlan.id layer, want -3 to 2 or all", layer)
			}
			m.Layer = n
		}
		b.add(m)
		return nil
	})
}
