package flow

import (
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/flow/http"
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
	feed(t, tr, frames...)
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
