package flow

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/inspect"
)

// With stream.async-oneside, a session seen only from its server (picked
// up at the SYN/ACK) is established by the server's next ACK and
// reassembled: its responses are parsed without requests. Without it the
// flow is inspected packet by packet.
func TestAsyncOnesideServer(t *testing.T) {
	resp := "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nHello"
	for _, async := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.AsyncOneside = async
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		feed(t, tr, c.frame(false, syn|ack, c.sseq, c.cseq+1, ""), c.frame(false, ack, c.sseq+1, c.cseq+1, ""))
		c.sseq++
		feed(t, tr, c.s2c(resp))
		tr.Flush()
		codes := s.withBuffer("http.stat_code")
		if got := s.stream(inspect.ToClient); async && (got != resp || len(codes) == 0 || codes[0].buffers["http.stat_code"] != "200" || !codes[0].est) || !async && (got != "" || len(codes) != 0) {
			t.Errorf("async %v: stream %q, %d responses", async, got, len(codes))
		}
	}
}

// With stream.async-oneside, a SYN answered by the client's own in-order
// ACK (the server's side unseen) establishes the session.
func TestAsyncOnesideClient(t *testing.T) {
	cfg := DefaultConfig()
	cfg.AsyncOneside = true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.frame(true, syn, c.cseq, 0, ""), c.frame(true, ack, c.cseq+1, c.sseq+1, ""))
	c.cseq++
	feed(t, tr, c.c2s("GET /one HTTP/1.1\r\nHost: a\r\n\r\n"))
	tr.Flush()
	uris := s.withBuffer("http.uri")
	if len(uris) != 1 || uris[0].buffers["http.uri"] != "/one" || !uris[0].est {
		t.Errorf("requests %+v, want /one on an established flow", uris)
	}
}

// A midstream pick-up with stream.async-oneside is one-sided: the
// client's request is parsed with the packet carrying it, before the
// packet is inspected, and its raw stream is inspected with that packet
// (the HTTP parser's trigger), with the flow's app-layer protocol known.
func TestAsyncOnesideMidstreamWithPacket(t *testing.T) {
	req := "GET /i/94/x.jpg HTTP/1.1\r\nHost: a\r\n\r\n"
	cfg := DefaultConfig()
	cfg.Midstream, cfg.AsyncOneside = true, true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.cAck(), c.c2s(req))
	uris := s.withBuffer("http.uri")
	streams := s.of(inspect.KindStream)
	if len(uris) != 1 || uris[0].packet == nil || string(uris[0].packet.Payload) != req {
		t.Fatalf("requests %+v, want one with the packet carrying it", uris)
	}
	if len(streams) != 1 || streams[0].packet == nil || string(streams[0].packet.Payload) != req ||
		streams[0].payloads[0] != req || streams[0].app != "http" || !streams[0].est {
		t.Fatalf("stream units %+v, want the request's with its packet on an established http flow", streams)
	}
	// the packet's own inspection already sees the app-layer protocol
	for _, u := range s.of(inspect.KindPacket) {
		if u.packet != nil && string(u.packet.Payload) == req && u.app != "http" {
			t.Errorf("data packet inspected with app %q, want http", u.app)
		}
	}
}

// Without stream.async-oneside, a midstream session seen from the client
// only is never acknowledged: its requests are parsed and its raw stream
// inspected at the flow's end (no packet), not on its FIN, so the stream
// is inspected knowing the flow is HTTP.
func TestMidstreamUnackedStreamAtEnd(t *testing.T) {
	req := "GET /i/94/x.jpg HTTP/1.1\r\nHost: a\r\n\r\n"
	cfg := DefaultConfig()
	cfg.Midstream = true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.cAck(), c.c2s(req), c.frame(true, fin|ack, c.cseq, c.sseq, ""))
	if n := len(s.of(inspect.KindStream)); n != 0 {
		t.Fatalf("%d stream units before the flow's end, want none (nothing acknowledged)", n)
	}
	tr.Flush()
	streams := s.of(inspect.KindStream)
	if len(streams) != 1 || streams[0].packet != nil || streams[0].payloads[0] != req || streams[0].app != "http" {
		t.Fatalf("stream units %+v, want the request at the flow's end on an http flow", streams)
	}
	if uris := s.withBuffer("http.uri"); len(uris) != 1 || uris[0].packet != nil {
		t.Errorf("requests %+v, want one at the flow's end", uris)
	}
}

// In a one-sided session established by the client's ACK after its SYN,
// a FIN past the window that ACK announced (unscaled) is refused, as
// Suricata's stream engine does without the server's packets to move
// the window: the session stays established. A FIN within it closes.
func TestAsyncOnesideFINOutOfWindow(t *testing.T) {
	req := "GET /one HTTP/1.1\r\nHost: a\r\nUser-Agent: " + strings.Repeat("x", 300) + "\r\n\r\n"
	for _, win := range []uint16{256, 4096} {
		cfg := DefaultConfig()
		cfg.AsyncOneside = true
		tr, _ := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		ackSpec := pktgen.Spec{Src: c.cli, Dst: c.srv, Proto: 6, Sport: c.cport, Dport: c.sport, TCPFlags: ack, Seq: c.cseq + 1, Ack: c.sseq + 1, Window: win}
		feed(t, tr, c.frame(true, syn, c.cseq, 0, ""), pktgen.Build(ackSpec))
		c.cseq++
		feed(t, tr, c.c2s(req), c.frame(true, fin|ack, c.cseq, c.sseq+1, ""))
		var state string
		tr.OnFlowEnd(func(f *inspect.Flow) { state = f.End.TCPState })
		tr.Flush()
		want := "close_wait"
		if len(req) > int(win) {
			want = "established"
		}
		if state != want {
			t.Errorf("window %d, %d bytes: tcp state %q, want %q", win, len(req), state, want)
		}
	}
}
