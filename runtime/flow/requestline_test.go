package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// A request whose line arrives before its headers is inspected at its
// line (Suricata's HTP_REQUEST_PROGRESS_LINE: http.method, http.uri,
// http.uri.raw, http.request_line) with the packet completing the line,
// then as the same transaction once its headers are complete.
func TestRequestLineUnit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.IPS = true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	line := "GET /x?a=%41 HTTP/1.1\r\n"
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s(line))
	units := s.of(inspect.KindApp)
	if len(units) != 1 {
		t.Fatalf("%d app units after the request line, want 1", len(units))
	}
	u := units[0]
	if u.buffers["http.method"] != "GET" || u.buffers["http.uri"] != "/x?a=A" || u.buffers["http.uri.raw"] != "/x?a=%41" ||
		u.buffers["http.request_line"] != "GET /x?a=%41 HTTP/1.1" || u.packet == nil || string(u.packet.Payload) != line {
		t.Fatalf("line unit %+v, want the line's buffers with the packet completing it", u)
	}
	if _, ok := u.buffers["http.host"]; ok {
		t.Errorf("line unit has http.host")
	}
	feed(t, tr, c.c2s("Host: h\r\n\r\n"))
	units = s.of(inspect.KindApp)
	if len(units) != 2 || units[1].tx != u.tx || units[1].buffers["http.host"] != "h" || units[1].buffers["http.method"] != "GET" {
		t.Fatalf("units %+v, want the head as the same transaction", units)
	}
	// a request whose line and head come together is reported once
	feed(t, tr, c.c2s("GET /y HTTP/1.1\r\nHost: h\r\n\r\n"))
	if n := len(s.of(inspect.KindApp)); n != 3 {
		t.Errorf("%d app units, want 3", n)
	}
}
