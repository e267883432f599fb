package flow

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/flow/http"
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

// In IDS mode a request is inspected on the client's packet after the
// server acknowledged it; when that packet also acknowledges the
// response, the response's events (parsed first, on its ACK) are the
// transaction's when the request is inspected, as Suricata's
// app-layer-event reads them.
func TestQueuedRequestSeesResponseEvents(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s("GET / HTTP/1.1\r\nHost: h\r\n\r\n"), c.sAck(),
		c.s2c("HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip, gzip\r\nContent-Length: 0\r\n\r\n"), c.cAck())
	var req *record
	for i, u := range s.of(inspect.KindApp) {
		if u.dir == inspect.ToServer && u.buffers["http.host"] == "h" {
			req = &s.of(inspect.KindApp)[i]
		}
	}
	if req == nil || !slices.Contains(req.events, http.EventTooManyEncodingLayers) {
		t.Fatalf("request unit %+v, want it with the response's too_many_encoding_layers", req)
	}
}

// A response whose status line arrives before its headers is inspected
// at its line (HTP_RESPONSE_PROGRESS_LINE: http.stat_code, http.stat_msg,
// http.response_line), an interim 100 Continue not.
func TestResponseLineUnit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.IPS = true
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s("GET / HTTP/1.1\r\nHost: h\r\n\r\n"), c.s2c("HTTP/1.1 100 Continue\r\n"), c.s2c("\r\n"))
	line := "HTTP/1.1 404 Not Found\r\n"
	feed(t, tr, c.s2c(line))
	var got []record
	for _, u := range s.of(inspect.KindApp) {
		if u.dir == inspect.ToClient {
			got = append(got, u)
		}
	}
	if len(got) != 1 || got[0].buffers["http.stat_code"] != "404" || got[0].packet == nil || string(got[0].packet.Payload) != line {
		t.Fatalf("response units %+v, want one at the 404 line with its packet", got)
	}
	feed(t, tr, c.s2c("Server: x\r\nContent-Length: 0\r\n\r\n"))
	units := s.of(inspect.KindApp)
	if last := units[len(units)-1]; last.tx != got[0].tx || last.buffers["http.stat_code"] != "404" {
		t.Errorf("last unit %+v, want the head as the same transaction", last)
	}
}
