package engine

import (
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// eventHolds checks decode-event and stream-event on the unit's packet,
// app-layer-event on the unit's transaction, or, for an event of no
// protocol (applayer_...), on its packet.
func eventHolds(m *ir.Event, u *inspect.Unit) bool {
	switch m.Layer {
	case ir.EventDecoder:
		ev, ok := decode.EventByName(m.Name)
		return ok && u.Packet != nil && u.Packet.Events.Has(ev)
	case ir.EventStream:
		ev, ok := inspect.StreamEventByName(m.Name)
		return ok && u.Packet != nil && u.Packet.StreamEvents.Has(ev)
	case ir.EventAppLayer:
		if !strings.Contains(m.Name, ".") {
			ev, ok := inspect.AppEventByName(m.Name)
			return ok && u.Packet != nil && u.Packet.AppEvents.Has(ev)
		}
		return slices.Contains(u.Events, m.Name)
	}
	return false
}
