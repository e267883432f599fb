package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// app-layer-event matches anomaly events raised by app-layer parsers;
// rulec's parsers raise none yet, so a rule using it could never match.
func init() {
	register("app-layer-event", valueRequired, func(b *builder, o *syntax.Option) error {
		ev := strings.TrimSpace(o.Value)
		if proto, name, ok := strings.Cut(ev, "."); !ok || proto == "" || name == "" {
			return badValue("app-layer-event, want proto.event", ev)
		}
		return fmt.Errorf("keyword \"app-layer-event\" (%s: the app-layer parsers raise no events) %w", ev, diag.ErrUnsupported)
	})
}
