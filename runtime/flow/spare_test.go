package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestPacketUnitsReused: packet and stream units come back to the
// tracker once inspected and are reused, and app units, which are kept
// past their emission, do not take them: a keep-alive connection's
// packets use the same few units however many transactions it carries.
func TestPacketUnitsReused(t *testing.T) {
	units := map[*inspect.Unit]bool{}
	apps := 0
	tr := NewTracker(DefaultConfig(), func(u *inspect.Unit) {
		switch u.Kind {
		case inspect.KindPacket, inspect.KindStream:
			units[u] = true
		case inspect.KindApp:
			apps++
		}
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.handshake()...)
	for range 10 {
		feed(t, tr, c.c2s("GET /x HTTP/1.1\r\nHost: a\r\n\r\n"), c.sAck(), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), c.cAck())
	}
	if apps < 20 || len(units) > maxSpareUnits {
		t.Errorf("%d app units; packet and stream units used %d distinct units, want at most %d", apps, len(units), maxSpareUnits)
	}
}
