package flow

import (
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// FuzzFrame feeds arbitrary bytes as frames after a real connection's
// frames: nothing may panic, and a frame either decodes or errors.
func FuzzFrame(f *testing.F) {
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	for _, fr := range concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\n\r\n"), udp("10.0.0.1", "10.0.0.2", 1, 53, dnsQuery(f, "a.example"))) {
		f.Add(fr)
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		tr := NewTracker(DefaultConfig(), func(*inspect.Unit) {})
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		for _, fr := range c.handshake() {
			tr.Frame(t0, fr)
		}
		for i := range 3 {
			p, err := tr.Frame(t0.Add(time.Duration(i)*time.Second), frame)
			if p != nil && err != nil {
				t.Fatal("packet and error")
			}
		}
		tr.Flush()
	})
}
