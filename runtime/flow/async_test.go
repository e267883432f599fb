package flow

import (
	"testing"

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
