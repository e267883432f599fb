package flow

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// A request head over 64 KiB, sent in segments: its request line and
// User-Agent are inspected, the event is raised, and the request
// pipelined after it is parsed too.
func TestHTTPHeadOverLimitInspected(t *testing.T) {
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	head := "GET /first HTTP/1.1\r\nX-Pad: " + strings.Repeat("p", 70<<10) + "\r\nUser-Agent: evil\r\n\r\nGET /second HTTP/1.1\r\nHost: h\r\n\r\n"
	frames := c.handshake()
	for len(head) > 0 {
		n := min(1400, len(head))
		frames = append(frames, c.c2s(head[:n]))
		head = head[n:]
	}
	feed(t, tr, append(frames, c.sAck(), c.cAck())...)
	uris := s.withBuffer("http.uri")
	if len(uris) != 2 || uris[0].buffers["http.uri"] != "/first" || uris[0].buffers["http.user_agent"] != "evil" || uris[1].buffers["http.uri"] != "/second" {
		t.Fatalf("requests %v", uris)
	}
	st := tr.Stats()
	if st.HTTPFieldTooLong != 1 || st.ParseErrors != 0 || tr.Limits()["http_field_too_long"] != 1 {
		t.Errorf("stats %+v", st)
	}
	if !slices.Equal(uris[0].events, []string{http.EventRequestFieldTooLong}) || len(uris[1].events) != 0 {
		t.Errorf("events %v then %v", uris[0].events, uris[1].events)
	}
}

// The case scaled down: flows each holding an unfinished
// compressed response stay within the HTTP memcap; the cap is counted,
// emergency mode starts under the pressure, and the memory comes back as
// flows end.
func TestHTTPMemcapBoundsFlows(t *testing.T) {
	cfg := DefaultConfig()
	cfg.HTTPMemcap = 2 << 20
	tr, _ := newTracker(cfg)
	body := strings.Repeat("z", 1400)
	for i := range 100 {
		c := newConn(fmt.Sprintf("10.1.%d.%d", i>>8, i&255), "10.0.0.2", 40000, 80)
		frames := concat(c.handshake(), c.c2s("GET /big HTTP/1.1\r\nHost: h\r\n\r\n"),
			c.s2c("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 1048576\r\n\r\n"))
		for range 50 {
			frames = append(frames, c.s2c(body), c.cAck())
		}
		feed(t, tr, frames...)
		if st := tr.Stats(); st.HTTPMemory > int64(cfg.HTTPMemcap) {
			t.Fatalf("flow %d: %d bytes held over a memcap of %d", i, st.HTTPMemory, cfg.HTTPMemcap)
		}
	}
	if l := tr.Limits(); l["memcap_http"] == 0 || l["flow_emergency_mode"] == 0 {
		t.Errorf("limits %v: memcap or emergency mode not counted", l)
	}
	tr.Flush()
	if st := tr.Stats(); st.HTTPMemory != 0 || st.StreamMemory != 0 {
		t.Errorf("after every flow ended: http %d, stream %d bytes held", st.HTTPMemory, st.StreamMemory)
	}
}

// Past the stream memcap new data is inspected as it arrives instead of
// being held: no byte goes uninspected.
func TestStreamMemcap(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StreamMemcap = 16 << 10
	tr, s := newTracker(cfg)
	sent := 0
	for i := range 40 {
		c := newConn(fmt.Sprintf("10.2.0.%d", i), "10.0.0.2", 40000, 9999)
		feed(t, tr, concat(c.handshake(), c.c2s(strings.Repeat("d", 1000)))...)
		sent += 1000
		if st := tr.Stats(); st.StreamMemory > cfg.StreamMemcap {
			t.Fatalf("%d stream bytes held over %d", st.StreamMemory, cfg.StreamMemcap)
		}
	}
	if tr.Limits()["memcap_stream"] == 0 {
		t.Error("stream memcap not counted")
	}
	tr.Flush()
	if got := len(s.stream(inspect.ToServer)); got != sent {
		t.Errorf("%d of %d bytes inspected", got, sent)
	}
	if st := tr.Stats(); st.StreamMemory != 0 {
		t.Errorf("%d stream bytes held after the end", st.StreamMemory)
	}
}

// Partial TLS ClientHellos held by many flows count against the stream
// memcap: past it a flow's hello is given up and counted.
func TestTLSHelloHeldWithinStreamMemcap(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StreamMemcap = 64 << 10
	tr, _ := newTracker(cfg)
	hello := append([]byte{0x16, 0x03, 0x01, 0x40, 0x00, 0x01, 0x00, 0x3f, 0xfc}, strings.Repeat("h", 10000)...)
	for i := range 20 {
		c := newConn(fmt.Sprintf("10.3.0.%d", i), "10.0.0.2", 40000, 443)
		frames := c.handshake()
		for off := 0; off < len(hello); off += 1400 {
			frames = append(frames, c.c2s(string(hello[off:min(off+1400, len(hello))])))
		}
		feed(t, tr, frames...)
		if st := tr.Stats(); st.StreamMemory > cfg.StreamMemcap {
			t.Fatalf("flow %d: %d bytes held over %d", i, st.StreamMemory, cfg.StreamMemcap)
		}
	}
	if tr.Limits()["memcap_stream"] == 0 {
		t.Error("20 partial hellos of 10 KB fit in 64 KiB: memcap never refused")
	}
	tr.Flush()
	if st := tr.Stats(); st.StreamMemory != 0 {
		t.Errorf("%d bytes held after the end", st.StreamMemory)
	}
}
