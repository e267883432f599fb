package flow

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestTLSEventsOnTransaction: a server certificate that does not decode
// and a handshake message of no known type raise Suricata's TLS events
// on the flow's one TLS transaction, carried by to-client units only
// (the client's hello unit has none), and are not raised again.
func TestTLSEventsOnTransaction(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
	u24 := func(n int) []byte { return []byte{byte(n >> 16), byte(n >> 8), byte(n)} }
	hello := append([]byte{3, 3}, make([]byte, 33)...)
	hello = append(hello, 0xc0, 0x30, 0)
	cert := []byte{0x30, 0x06, 0x30, 0x84, 0xff, 0xff, 0xff, 0xfa, 0x04} // the inner element runs past the outer
	list := append(u24(len(cert)), cert...)
	hs := append(append([]byte{2}, u24(len(hello))...), hello...)
	hs = append(append(append(hs, 11), u24(len(list)+3)...), append(u24(len(list)), list...)...)
	hs = append(hs, 0x84, 0xff, 0xff, 0xff, 'A', 'A')
	rec := append([]byte{22, 3, 3, byte(len(hs) >> 8), byte(len(hs))}, hs...)
	feed(t, tr, concat(c.handshake(), c.c2s(string(clientHello("bad.example"))), c.s2c(string(rec)), c.c2s(""), c.s2c(string(rec)))...)
	feed(t, tr, c.close()...)
	want := []string{"tls.invalid_handshake_message", "tls.invalid_certificate"}
	var withEvents []record
	var tx uint64
	for _, u := range s.of(inspect.KindApp) {
		if tx == 0 {
			tx = u.tx
		}
		if u.tx != tx {
			t.Errorf("unit of transaction %d, want the flow's one, %d", u.tx, tx)
		}
		if len(u.events) > 0 {
			withEvents = append(withEvents, u)
		}
	}
	if len(withEvents) != 1 || withEvents[0].dir != inspect.ToClient || !sameEvents(withEvents[0].events, want) {
		t.Fatalf("units with events %+v, want one to-client unit with %v", withEvents, want)
	}
}

func sameEvents(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestAppMismatchEvent: a server answering an HTTP request with an SSH
// banner raises applayer_mismatch_protocol_both_directions on one packet,
// the server's direction detected as ssh.
func TestAppMismatchEvent(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), c.s2c("SSH-2.0-OpenSSH_7.4\r\n"), c.c2s(""), c.s2c(""))...)
	n := 0
	var fl *inspect.Flow
	for _, u := range s.of(inspect.KindPacket) {
		if u.packet.AppEvents.Has(inspect.AppMismatchBothDirections) {
			n++
			fl = u.flow
		}
	}
	if n != 1 || fl.App != "http" || fl.AppDir[inspect.ToClient] != "ssh" {
		t.Fatalf("%d packets with the event, flow %+v", n, fl)
	}
}
