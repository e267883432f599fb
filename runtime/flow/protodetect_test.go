package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// detectView is what a packet unit told the rules about protocol
// detection: the flow's protocol, the packet's flags, by direction.
type detectView struct {
	app    string
	detect [3]bool
}

func packetViews(s *sink) []detectView {
	var out []detectView
	for _, u := range s.of(inspect.KindPacket) {
		out = append(out, detectView{u.app, u.packet.ProtoDetect})
	}
	return out
}

// TestProtoDetectFlags: in IDS mode the packet after the one whose data
// decided a direction carries the news; in IPS mode the deciding packet
// does, and already sees the protocol.
func TestProtoDetectFlags(t *testing.T) {
	const ts, tc = inspect.ToServer, inspect.ToClient
	for _, ips := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.IPS = ips
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
			c.c2s("GET /b HTTP/1.1\r\nHost: a\r\n\r\n"), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))...)
		got := packetViews(s)
		want := []detectView{{}, {}, {}, {"", [3]bool{}}, {"http", [3]bool{}}, {"http", [3]bool{ts: true}}, {"http", [3]bool{tc: true}}}
		if ips {
			want = []detectView{{}, {}, {}, {"http", [3]bool{ts: true}}, {"http", [3]bool{tc: true}}, {"http", [3]bool{}}, {"http", [3]bool{}}}
		}
		if len(got) != len(want) {
			t.Fatalf("ips=%v: %d packet units, want %d", ips, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("ips=%v: packet %d = %+v, want %+v", ips, i+1, got[i], want[i])
			}
		}
		f := s.units[0].flow
		if f.AppDir != [3]string{ts: "http", tc: "http"} {
			t.Errorf("ips=%v: AppDir = %q", ips, f.AppDir)
		}
	}
}

// TestProtoDetectWaitsForServer: client bytes no protocol takes wait for
// the server, whose HTTP answer decides the flow; the held request is
// parsed. Both sides unknown fail the flow.
func TestProtoDetectWaitsForServer(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("NOTMETHOD /x HTTP/1.1\r\nHost: a\r\n\r\n"), c.s2c("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), c.close())...)
	f := s.units[0].flow
	if f.App != "http" || f.AppDir != [3]string{inspect.ToServer: "http", inspect.ToClient: "http"} {
		t.Errorf("App %q AppDir %q, want http both ways", f.App, f.AppDir)
	}
	if m := s.withBuffer("http.method"); len(m) == 0 || m[0].buffers["http.method"] != "NOTMETHOD" {
		t.Errorf("held request not parsed: %d units with http.method", len(m))
	}

	tr, s = newTracker(DefaultConfig())
	c = newConn("10.0.0.1", "10.0.0.2", 40001, 80)
	garbage := string(make([]byte, 100))
	feed(t, tr, concat(c.handshake(), c.c2s("hello"), c.s2c(garbage), c.c2s("more"), c.close())...)
	f = s.units[0].flow
	if f.App != "" || f.AppDir != [3]string{inspect.ToServer: "failed", inspect.ToClient: "failed"} {
		t.Errorf("App %q AppDir %q, want failed both ways", f.App, f.AppDir)
	}
	views := packetViews(s)
	if v := views[5]; v.detect != [3]bool{inspect.ToServer: true} {
		t.Errorf("client packet after the failure: %+v, want the to-server flag", v)
	}
}

// TestProtoMismatchPerDirection: an SSH banner answering an HTTP request
// is SSH in its direction while the flow stays HTTP, as Suricata's
// detection runs on each direction; a matching answer keeps the flow's.
func TestProtoMismatchPerDirection(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 22)
	feed(t, tr, concat(c.handshake(), c.c2s("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), c.s2c("SSH-2.0-OpenSSH_6.6.1\r\n"), c.close())...)
	f := s.units[0].flow
	if f.App != "http" || f.AppDir != [3]string{inspect.ToServer: "http", inspect.ToClient: "ssh"} {
		t.Errorf("App %q AppDir %q, want http with ssh to the client", f.App, f.AppDir)
	}
}
