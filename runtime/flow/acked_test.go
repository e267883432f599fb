package flow

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestIDSRequestInspectedAfterAck: in IDS mode a request is parsed on the
// server's ACK and inspected on the client's next packet, after that
// packet's own unit (Suricata: StreamTcpReassembleHandleSegment updates
// the opposing stream's app layer on ACK; detection inspects the
// packet's direction only).
func TestIDSRequestInspectedAfterAck(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"))...)
	if n := len(s.of(inspect.KindApp)); n != 0 {
		t.Fatalf("%d app units before the server acknowledged the request", n)
	}
	feed(t, tr, c.sAck())
	if n := len(s.of(inspect.KindApp)); n != 0 {
		t.Fatalf("%d app units on the server's packet", n)
	}
	next := c.cAck()
	feed(t, tr, next)
	last := s.units[len(s.units)-2:]
	if last[0].kind != inspect.KindPacket || last[1].kind != inspect.KindApp || last[1].buffers["http.uri"] != "/a" ||
		last[1].packet == nil || !bytes.Equal(last[1].packet.Frame, next) || last[1].samePkt != last[0].samePkt {
		t.Errorf("units %v, %v: want the client's next packet, then the request on it", last[0], last[1])
	}
}

// TestIDSPartialAck: only the acknowledged bytes are parsed.
func TestIDSPartialAck(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	req := "GET /partial HTTP/1.1\r\nHost: h\r\n\r\n"
	feed(t, tr, concat(c.handshake(), c.c2s(req))...)
	feed(t, tr, c.frame(false, ack, c.sseq, c.cseq-10, ""), c.cAck())
	if n := len(s.withBuffer("http.host")); n != 0 {
		t.Fatalf("request head inspected with its last 10 bytes not acknowledged: %d units", n)
	}
	if u := s.withBuffer("http.uri"); len(u) != 1 || u[0].buffers["http.uri"] != "/partial" {
		t.Fatalf("units %v, want the acknowledged request line's", u)
	}
	feed(t, tr, c.sAck(), c.cAck())
	if u := s.withBuffer("http.host"); len(u) != 1 || u[0].buffers["http.uri"] != "/partial" {
		t.Errorf("units %v", u)
	}
}

// TestIDSAppAtFlowEnd: a request acknowledged but followed by no client
// packet is inspected with the flow's end, without a packet (Suricata's
// pseudo packet, "stream (flow timeout)"); one never acknowledged too.
func TestIDSAppAtFlowEnd(t *testing.T) {
	for _, acked := range []bool{true, false} {
		tr, s := newTracker(DefaultConfig())
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		feed(t, tr, concat(c.handshake(), c.c2s("GET /end HTTP/1.1\r\n\r\n"))...)
		if acked {
			feed(t, tr, c.sAck())
		}
		if n := len(s.of(inspect.KindApp)); n != 0 {
			t.Fatalf("acked %v: %d app units before the end", acked, n)
		}
		tr.Flush()
		u := s.withBuffer("http.uri")
		if len(u) != 1 || u[0].packet != nil || u[0].buffers["http.uri"] != "/end" {
			t.Errorf("acked %v: units %v, want the request without a packet", acked, u)
		}
	}
}

// TestIDSAlertShowsTransactionNow: a request inspected on the client's
// packet that acknowledged the response shows the response's fields as
// parsed by then (Suricata logs the transaction at alert time).
func TestIDSAlertShowsTransactionNow(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /now HTTP/1.0\r\n\r\n"),
		c.s2c("HTTP/1.0 404 Not Found\r\nContent-Type: text/html; charset=x\r\nContent-Length: 100\r\n\r\n0123456789"), c.cAck())...)
	u := s.withBuffer("http.uri")
	if len(u) == 0 || u[0].dir != inspect.ToServer {
		t.Fatalf("units %v", u)
	}
	f := u[0].fields["http"]
	if f["status"] != 404 || f["length"] != int64(10) || f["http_content_type"] != "text/html" || f["url"] != "/now" {
		t.Errorf("fields %v, want the response so far", f)
	}
}

// TestInlineAppOnItsPacket: IPS mode and stream.inline parse and inspect
// data on the packet carrying it.
func TestInlineAppOnItsPacket(t *testing.T) {
	for _, set := range []func(*Config){func(c *Config) { c.IPS = true }, func(c *Config) { _ = c.Set("stream.inline", "yes") }} {
		cfg := DefaultConfig()
		set(&cfg)
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		feed(t, tr, c.handshake()...)
		data := c.c2s("GET /inline HTTP/1.1\r\n\r\n")
		feed(t, tr, data)
		u := s.withBuffer("http.uri")
		if len(u) != 1 || u[0].packet == nil || !bytes.Equal(u[0].packet.Frame, data) {
			t.Errorf("ips %v inline %v: units %v, want the request on its packet", cfg.IPS, cfg.StreamInline, u)
		}
	}
}

// TestQueuedUnitKeepsBody: a request body inspected after its
// transaction finished (the response was parsed on the same packet) is
// still the body: finished bodies go back to the pool only once the
// units waiting for inspection were inspected.
func TestQueuedUnitKeepsBody(t *testing.T) {
	http.ScribbleBodies = true
	defer func() { http.ScribbleBodies = false }()
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	body := "field=value&more=data"
	feed(t, tr, concat(c.handshake(), c.c2s("POST /up HTTP/1.1\r\nContent-Length: 21\r\n\r\n"+body),
		c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), c.cAck())...)
	requests := func() []record {
		var out []record
		for _, u := range s.withBuffer("http.request_body") {
			if u.dir == inspect.ToServer {
				out = append(out, u)
			}
		}
		return out
	}
	if u := requests(); len(u) != 1 || u[0].buffers["http.request_body"] != body {
		t.Errorf("request body units %v", u)
	}
	// a second transaction takes a body from the pool again
	feed(t, tr, c.c2s("POST /again HTTP/1.1\r\nContent-Length: 21\r\n\r\n"+body), c.sAck(), c.cAck())
	if u := requests(); len(u) != 2 || u[1].buffers["http.request_body"] != body {
		t.Errorf("second request body units %v", u)
	}
}

// TestTLSHelloAlertShowsServerHello: the client's hello, inspected on the
// client's packet that acknowledged the server's hello, shows the
// server's hello (its ALPN) though the server's certificates are still
// to come.
func TestTLSHelloAlertShowsServerHello(t *testing.T) {
	u16 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }
	vec := func(b, body []byte) []byte { return append(u16(b, len(body)), body...) }
	body := u16(nil, 0x0303)
	body = append(body, make([]byte, 32)...)
	body = append(body, 0) // no session id
	body = u16(body, 0xc02f)
	body = append(body, 0) // no compression
	alpn := append([]byte{8}, "http/1.1"...)
	body = vec(body, vec(u16(nil, 16), vec(nil, alpn)))
	hs := append([]byte{2, 0, byte(len(body) >> 8), byte(len(body))}, body...)
	sh := vec([]byte{22, 3, 3}, hs)

	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
	feed(t, tr, concat(c.handshake(), c.c2s(string(clientHello("alpn.example"))), c.s2c(string(sh)), c.cAck())...)
	u := s.withBuffer("tls.sni")
	if len(u) != 1 {
		t.Fatalf("hello units %v", u)
	}
	if a, _ := u[0].fields["tls"]["server_alpns"].([]string); len(a) != 1 || a[0] != "http/1.1" {
		t.Errorf("tls fields %v, want the server's ALPN", u[0].fields["tls"])
	}
}
