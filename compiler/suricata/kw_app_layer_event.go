package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("app-layer-event", valueRequired, func(b *builder, o *syntax.Option) error {
		ev := strings.TrimSpace(o.Value)
		proto, name, ok := strings.Cut(ev, ".")
		if !ok || proto == "" || name == "" {
			return badValue("app-layer-event, want proto.event", ev)
		}
		if _, isApp := appTransport[proto]; isApp {
			if err := b.needApp(proto); err != nil {
				return err
			}
		}
		b.add(&ir.AppLayerEvent{Event: ev})
		return nil
	})
}
