package flow

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestPatternAcrossSegments checks that content split between two TCP
// segments is whole in one stream buffer and one app buffer.
func TestPatternAcrossSegments(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 8000)
	feed(t, tr, concat(c.handshake(), c.c2s("GET /EV"), c.c2s("IL HTTP/1.1\r\n\r\n"), c.s2c("HTTP/1.1 200 OK\r\n\r\n"), c.cAck())...)
	for _, p := range s.of(inspect.KindPacket) {
		if contains(p.buffers["payload"], "EVIL") {
			t.Fatal("test is void: a packet holds the whole pattern")
		}
	}
	chunks := s.of(inspect.KindStream)
	if len(chunks) != 1 || !contains(chunks[0].buffers["payload"], "EVIL") || chunks[0].dir != inspect.ToServer {
		t.Errorf("stream chunks %v", chunks)
	}
	if uris := s.withBuffer("http.uri"); len(uris) == 0 || uris[0].buffers["http.uri"] != "/EVIL" {
		t.Errorf("uri units %v", uris)
	}
}

func TestOutOfOrderAndRetransmission(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	req := "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"
	a, b, d := req[:10], req[10:30], req[30:]
	feed(t, tr, c.handshake()...)
	feed(t, tr,
		c.c2sAt(len(a)+len(b), d), // third first
		c.c2sAt(0, a),
		c.c2sAt(0, a),             // retransmission
		c.c2sAt(5, req[5:20]),     // overlap across a and b
		c.c2sAt(len(a), b),        // fills the hole
		c.c2sAt(len(a)+len(b), d), // retransmitted tail
		c.frame(true, fin|ack, c.cseq+uint32(len(req)), c.sseq, ""))
	tr.Flush() // the server acknowledged none of it: parsed and inspected with the flow's end
	if got := s.stream(inspect.ToServer); got != req {
		t.Errorf("stream %q", got)
	}
	bodies := s.withBuffer("http.request_body")
	if len(bodies) != 1 || bodies[0].buffers["http.request_body"] != "hello world" || bodies[0].buffers["file.data"] != "hello world" {
		t.Errorf("body units %v", bodies)
	}
	if st := tr.Stats(); st.Gaps != 0 || st.StreamBytes != uint64(len(req)) {
		t.Errorf("stats %+v", st)
	}
}

func TestAckedHoleIsAGap(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s("GET /a HTTP/1.1\r\n\r\n"))
	c.c2s("lost segment")
	feed(t, tr, c.c2s("after"), c.frame(false, ack, c.sseq, c.cseq, ""))
	tr.Flush()
	st := tr.Stats()
	if st.Gaps != 1 || st.GapBytes != uint64(len("lost segment")) {
		t.Errorf("gaps %d bytes %d", st.Gaps, st.GapBytes)
	}
	if got := s.stream(inspect.ToServer); got != "GET /a HTTP/1.1\r\n\r\nafter" {
		t.Errorf("stream %q", got)
	}
	if st.ParseErrors != 1 {
		t.Errorf("a gap in HTTP headers should stop the parser: %d errors", st.ParseErrors)
	}
}

func TestStreamChunking(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxStreamBuffer = 8
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 9999)
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s("abc"), c.c2s("def"))
	if n := len(s.of(inspect.KindStream)); n != 0 {
		t.Fatalf("%d chunks before any trigger", n)
	}
	feed(t, tr, c.s2c("reply"))
	feed(t, tr, c.c2s("0123456789"))
	feed(t, tr, c.c2s("tail"))
	feed(t, tr, c.close()...)
	var got []string
	for _, u := range s.of(inspect.KindStream) {
		got = append(got, fmt.Sprintf("%d:%s", u.dir, u.buffers["payload"]))
	}
	want := "1:abcdef 1:0123456789 1:tail 2:reply"
	if strings.Join(got, " ") != want {
		t.Errorf("chunks %q, want %q", strings.Join(got, " "), want)
	}
}

func TestStreamDepthAndFlush(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StreamDepth = 6
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.handshake()...)
	feed(t, tr, c.c2s("GET /deep"), c.c2s("er HTTP/1.1\r\n\r\n"))
	tr.Flush()
	if got := s.stream(inspect.ToServer); got != "GET /d" {
		t.Errorf("stream past depth %q", got)
	}
	// Suricata stops reassembling a direction at the depth, for its app
	// layer too: the parser never sees the rest of the request line.
	for _, u := range s.withBuffer("http.uri") {
		if u.buffers["http.uri"] != "/d" {
			t.Errorf("app layer saw past the depth: uri %q", u.buffers["http.uri"])
		}
	}
	if st := tr.Stats(); st.ActiveFlows != 0 {
		t.Errorf("flows after Flush: %d", st.ActiveFlows)
	}
}
