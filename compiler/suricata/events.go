package suricata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// eventKeyword compiles decode-event, stream-event and app-layer-event:
// one event name, with the layer's prefix optional ("decoder.",
// "stream."). An event rulec's engines never raise is unsupported, with
// why, rather than a rule that cannot match.
func eventKeyword(b *builder, o *syntax.Option, layer, prefix string) error {
	name := strings.TrimSpace(o.Value)
	name = strings.TrimPrefix(name, prefix)
	if name == "" || strings.ContainsAny(name, " \t,") {
		return badValue(o.Name+", want an event name", o.Value)
	}
	if !slices.Contains(ir.RaisedEvents[layer], name) {
		return fmt.Errorf("keyword %q (%s: not raised by rulec's %s) %w", o.Name, name, eventSource[layer], diag.ErrUnsupported)
	}
	b.add(&ir.Event{Layer: layer, Name: name})
	return nil
}

var eventSource = map[string]string{
	ir.EventDecoder:  "decoder",
	ir.EventStream:   "stream engine",
	ir.EventAppLayer: "app-layer parsers",
}
