package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestInlineAppLayerBeforePacket: inline (IPS), the app layer parses a
// segment before its packet is inspected, so the packet carrying the
// first request is already of an HTTP flow; in IDS mode it is not yet.
func TestInlineAppLayerBeforePacket(t *testing.T) {
	for _, ips := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.IPS = ips
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))...)
		pkts := s.of(inspect.KindPacket)
		last := pkts[len(pkts)-1]
		if got := last.app == "http"; got != ips {
			t.Errorf("IPS %v: request packet of app %q", ips, last.app)
		}
		var order []inspect.Kind
		for _, u := range s.units[3:] {
			order = append(order, u.kind)
		}
		if ips && (len(order) == 0 || order[len(order)-1] != inspect.KindPacket) {
			t.Errorf("IPS: units of the request packet %v, want its app units first", order)
		}
	}
}

// TestOpenTransactionLoggedAtFlowEnd: a transaction still open when its
// flow ends is logged without a packet (Suricata logs it from the flow's
// end), not with the packet that last touched it.
func TestOpenTransactionLoggedAtFlowEnd(t *testing.T) {
	tr, _ := newTracker(DefaultConfig())
	var recs []*inspect.Packet
	tr.OnRecord(func(u *inspect.Unit) { recs = append(recs, u.Packet) })
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))...)
	if len(recs) != 0 {
		t.Fatalf("%d records before the flow ended", len(recs))
	}
	tr.Flush()
	if len(recs) != 1 || recs[0] != nil {
		t.Errorf("records at the flow's end %v, want one without a packet", recs)
	}
}

// TestInlineTLSHello: inline (IPS), the client's hello is inspected with
// the packet that carries it, before that packet's own unit; in IDS mode
// it waits for the server's answer.
func TestInlineTLSHello(t *testing.T) {
	for _, ips := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.IPS = ips
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
		hs := c.handshake()
		hello := c.c2s(string(clientHello("inline.example")))
		feed(t, tr, append(hs, hello)...)
		snis := s.withBuffer("tls.sni")
		if got := len(snis) == 1; got != ips {
			t.Fatalf("IPS %v: %d hello units on the hello's packet", ips, len(snis))
		}
		if ips && (snis[0].packet == nil || string(snis[0].packet.Frame) != string(hello)) {
			t.Errorf("IPS: hello inspected on packet %v, want its own", snis[0].packet)
		}
	}
}
