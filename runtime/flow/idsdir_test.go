package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// In IDS mode Suricata inspects a direction's raw stream, up to what the
// other side acknowledged, with that direction's packets only
// (StreamReassembleRaw): the client's bytes the server's reply
// acknowledged are inspected with the client's next packet, not with the
// server's.
func TestIDSRawStreamWithItsDirection(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 9999)
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s("abc"), c.s2c("reply"))
	if n := len(s.of(inspect.KindStream)); n != 0 {
		t.Fatalf("%d stream units before the client's next packet", n)
	}
	feed(t, tr, c.cAck())
	got := s.of(inspect.KindStream)
	if len(got) != 1 || got[0].buffers["payload"] != "abc" || got[0].packet == nil || got[0].packet.Src != c.cli || len(got[0].packet.Payload) != 0 {
		t.Fatalf("stream units %+v: want abc, with the client's bare ACK", got)
	}
}

// A direction's frames are inspected with its packets too
// (DetectRunFrames): an HTTP request frame the server's ACK let the app
// layer parse waits for the client's next packet.
func TestIDSFramesWithTheirDirection(t *testing.T) {
	var pkts []*inspect.Packet
	tr, got := frameTracker(Config{}, "http.request")
	emit := tr.emit
	tr.emit = func(u *inspect.Unit) {
		if u.Kind == inspect.KindFrame {
			pkts = append(pkts, clonePacket(u.Packet))
		}
		emit(u)
	}
	c := newConn("10.0.0.1", "10.0.0.2", 40008, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"), c.sAck())...)
	if len(*got) != 0 {
		t.Fatalf("frames %+v inspected with the server's packet", *got)
	}
	feed(t, tr, c.cAck())
	if len(*got) != 1 || (*got)[0].data != "GET /a HTTP/1.1\r\nHost: x\r\n\r\n" || pkts[0] == nil || pkts[0].Src != c.cli {
		t.Fatalf("frames %+v: want the request, with the client's ACK", *got)
	}
}

// A UDP flow a drop rule dropped in IDS mode has its later packets marked
// dropped, which Suricata's app layer does not take: its next query is
// neither parsed nor inspected as DNS; its packets still are units.
func TestIDSDroppedUDPFlowNoAppLayer(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	feed(t, tr, udp("10.0.0.1", "10.0.0.53", 33333, 53, dnsQuery(t, "a.example")))
	qs := s.withBuffer("dns.query")
	if len(qs) != 1 {
		t.Fatalf("queries %v before the drop", qs)
	}
	qs[0].flow.Action = "drop"
	feed(t, tr, udp("10.0.0.1", "10.0.0.53", 33333, 53, dnsQuery(t, "b.example")))
	if qs := s.withBuffer("dns.query"); len(qs) != 1 {
		t.Errorf("queries %v: the dropped flow's second query was parsed", qs)
	}
	if n := len(s.of(inspect.KindPacket)); n != 2 {
		t.Errorf("%d packet units, want 2", n)
	}
}
