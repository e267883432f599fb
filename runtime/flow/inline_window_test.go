package flow

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestInlineRawWindow: inline (IPS), each packet whose data goes into the
// stream is inspected with the stream bytes before it, up to Suricata's
// 2,560-byte chunk (so a pattern at the end of one packet is seen again
// with the next), a large packet with a third of a chunk before it, and
// an out-of-order packet on its own.
func TestInlineRawWindow(t *testing.T) {
	cfg := DefaultConfig()
	cfg.IPS = true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 25)
	feed(t, tr, c.handshake()...)
	big := strings.Repeat("b", 3000)
	feed(t, tr, c.c2s("DATA\r\n.\r\n"), c.c2s("QUIT\r\n"), c.c2s(big), c.c2s("tail"))
	late := c.c2sAt(10, "xx") // past a hole: out of order
	feed(t, tr, late)
	var got []string
	for _, u := range s.of(inspect.KindStream) {
		if u.dir == inspect.ToServer {
			got = append(got, u.buffers["payload"])
		}
	}
	past := "DATA\r\n.\r\nQUIT\r\n" + big
	want := []string{
		"DATA\r\n.\r\n",
		"DATA\r\n.\r\nQUIT\r\n",
		past, // 16 bytes before it: under the third of a chunk a large packet gets
		past[len(past)-(rawChunk-len("tail")):] + "tail",
		"xx",
	}
	if len(got) != len(want) {
		t.Fatalf("%d stream units, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("unit %d: %d bytes %.20q..., want %d bytes %.20q...", i+1, len(got[i]), got[i], len(want[i]), want[i])
		}
	}
}
