package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestMidstreamResponseReversesFlow: a flow picked up midstream whose
// first data is an HTTP response going to the "server" (the first
// packet's receiver) is turned around, as Suricata's protocol detection
// does: the responder is the server, the response is parsed to_client.
// Without midstream pick-up, or when the data is a request, it stays.
func TestMidstreamResponseReversesFlow(t *testing.T) {
	for _, tc := range []struct {
		name      string
		midstream bool
		data      string
		reversed  bool
	}{
		{"response", true, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true},
		{"request", true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", false},
		{"no pick-up", false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false},
	} {
		cfg := DefaultConfig()
		cfg.Midstream = tc.midstream
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.2", "10.0.0.1", 80, 40000) // the web server speaks first
		feed(t, tr, c.c2s(tc.data), c.frame(false, ack, c.sseq, c.cseq, ""))
		tr.Flush()
		fl := s.units[0].flow
		if got := fl.Client == c.srv && fl.ServerPort == 80; got != tc.reversed {
			t.Errorf("%s: client %v:%d server %v:%d, reversed %v", tc.name, fl.Client, fl.ClientPort, fl.Server, fl.ServerPort, got)
		}
		if tc.reversed {
			if d := s.units[0].dir; d != inspect.ToClient {
				t.Errorf("%s: first packet %v, want to_client", tc.name, d)
			}
			if fl.Pkts[inspect.ToClient] != 1 || fl.Pkts[inspect.ToServer] != 1 {
				t.Errorf("%s: packets %v", tc.name, fl.Pkts)
			}
			codes := s.withBuffer("http.stat_code")
			if len(codes) == 0 {
				t.Errorf("%s: response not parsed", tc.name)
			}
			for _, u := range codes {
				if u.dir != inspect.ToClient || u.buffers["http.stat_code"] != "200" {
					t.Errorf("%s: response unit %v %q", tc.name, u.dir, u.buffers["http.stat_code"])
				}
			}
			if tr.Stats().Reversed != 1 {
				t.Errorf("%s: stats %+v", tc.name, tr.Stats())
			}
		}
	}
}
