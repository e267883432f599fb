package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// app-layer-event matches an anomaly event an app-layer parser raised on
// the transaction (proto.event).
func init() {
	register("app-layer-event", valueRequired, func(b *builder, o *syntax.Option) error {
		ev := strings.TrimSpace(o.Value)
		if proto, name, ok := strings.Cut(ev, "."); !ok || proto == "" || name == "" {
			return badValue("app-layer-event, want proto.event", ev)
		}
		return eventKeyword(b, o, ir.EventAppLayer, "")
	})
}
