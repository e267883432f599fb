package engine

import (
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// eventHolds checks decode-event and stream-event on the unit's packet and
// app-layer-event on the unit's transaction.
func eventHolds(m *ir.Event, u *inspect.Unit) bool {
	switch m.Layer {
	case ir.EventDecoder:
		ev, ok := decode.EventByName(m.Name)
		return ok && u.Packet != nil && u.Packet.Events.Has(ev)
	case ir.EventStream:
		ev, ok := inspect.StreamEventByName(m.Name)
		return ok && u.Packet != nil && u.Packet.StreamEvents.Has(ev)
	case ir.EventAppLayer:
		return slices.Contains(u.Events, m.Name)
	}
	return false
}
