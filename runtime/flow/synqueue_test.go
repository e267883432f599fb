package flow

import (
	"slices"
	"testing"
)

// synFlood is a handshake preceded by n SYNs with other sequence numbers.
func (c *conn) synFlood(n int) [][]byte {
	var out [][]byte
	for i := range n {
		out = append(out, c.frame(true, syn, c.cseq+uint32(1000*(i+1)), 0, ""))
	}
	return append(out, c.handshake()...)
}

// SYNs with new sequence numbers before the SYN/ACK queue the earlier
// ones, ten at most: each SYN past that raises 3whs_syn_flood. The session
// follows the last SYN, which the SYN/ACK answers: its request is parsed,
// in IDS and IPS.
func TestSynFloodQueue(t *testing.T) {
	for _, ips := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.IPS = ips
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		frames := c.synFlood(12)
		frames = append(frames, c.c2s("POST /late HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"))
		feed(t, tr, frames...)
		tr.Flush()
		var flood []int
		for i, evs := range packetEvents(s) {
			if slices.Contains(evs, "3whs_syn_flood") {
				flood = append(flood, i)
			}
		}
		if want := []int{11, 12}; !slices.Equal(flood, want) {
			t.Errorf("IPS %v: 3whs_syn_flood on packets %v, want %v", ips, flood, want)
		}
		if uris := s.withBuffer("http.uri"); len(uris) == 0 || uris[0].buffers["http.uri"] != "/late" {
			t.Errorf("IPS %v: the request after the SYNs was not parsed: %d http.uri units", ips, len(uris))
		}
	}
}

// A SYN/ACK answering a queued SYN, neither the first nor the last one,
// moves the session to that SYN's sequence numbers.
func TestSynAckAnswersQueuedSyn(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	frames := concat([][]byte{c.frame(true, syn, c.cseq+9000, 0, ""), c.frame(true, syn, c.cseq, 0, ""), c.frame(true, syn, c.cseq+5000, 0, "")},
		c.frame(false, syn|ack, c.sseq, c.cseq+1, ""), c.frame(true, ack, c.cseq+1, c.sseq+1, ""))
	c.cseq++
	c.sseq++
	frames = append(frames, c.c2s("GET /first HTTP/1.1\r\nHost: a\r\n\r\n"))
	feed(t, tr, frames...)
	tr.Flush()
	for i, evs := range packetEvents(s) {
		if len(evs) > 0 {
			t.Errorf("packet %d: events %v", i+1, evs)
		}
	}
	if uris := s.withBuffer("http.uri"); len(uris) == 0 || uris[0].buffers["http.uri"] != "/first" {
		t.Errorf("the request of the answered SYN was not parsed: %d http.uri units", len(uris))
	}
}
