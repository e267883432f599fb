package http

import (
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// libhtp's header events: a repeated Content-Length whose length differs
// (the first value frames the body and is the one kept), and an
// Authorization scheme other than Basic, Digest or Bearer.
func TestHeaderEvents(t *testing.T) {
	cases := []struct {
		name, head string
		events     []string
		body       string
	}{
		{"cl differs", "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\n", []string{EventRequestDupCL}, "abc"},
		{"cl same", "POST / HTTP/1.1\r\nContent-Length: 3\r\ncontent-length:  3\r\n\r\n", nil, "abc"},
		{"cl junk", "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: x\r\n\r\n", []string{EventRequestDupCL}, "abc"},
		{"auth turbo", "GET / HTTP/1.1\r\nAuthorization: Turbo data\r\n\r\n", []string{EventAuthUnrecognized}, ""},
		{"auth basic", "GET / HTTP/1.1\r\nAuthorization: BASIC dTpw\r\n\r\n", nil, ""},
		{"auth bearer", "GET / HTTP/1.1\r\nAuthorization: bearer t\r\n\r\n", nil, ""},
	}
	for _, tc := range cases {
		c, _ := feedSplit(t, DefaultConfig(), inspect.ToServer, tc.head+"abcde", 1<<20)
		if len(c.events) == 0 {
			t.Fatalf("%s: no transaction", tc.name)
		}
		u := c.events[0].unit
		if !slices.Equal(u.Events, tc.events) {
			t.Errorf("%s: events %v, want %v", tc.name, u.Events, tc.events)
		}
		if tc.body != "" {
			if cl := buf(u, "http.content_len"); cl != "3" {
				t.Errorf("%s: http.content_len %q, want the first value", tc.name, cl)
			}
		}
	}
}

// A response with two different lengths raises the response event.
func TestResponseDupCL(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\nokok")}, false)
	var got []string
	for _, e := range c.events {
		got = e.unit.Events
	}
	if !slices.Contains(got, EventResponseDupCL) {
		t.Errorf("response events %v", got)
	}
}

// A head that announces no body settles its body's buffers (for absent):
// Through is the body stage; a body to come leaves it at the head.
func TestThrough(t *testing.T) {
	cases := []struct {
		name   string
		chunks []chunk
		want   string // stage:through of each unit
	}{
		{"bodiless post", []chunk{req("POST /toto HTTP/1.1\r\nHost: h\r\n\r\n")}, "reqh:reqb"},
		{"post with body", []chunk{req("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab")}, "reqh:reqh reqb:reqb"},
		{"chunked", []chunk{req("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n0\r\n\r\n")}, "reqh:reqh reqb:reqb"},
		{"empty response", []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}, "reqh:reqb resph:respb"},
		{"304", []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 304 NM\r\nContent-Length: 9\r\n\r\n")}, "reqh:reqb resph:respb"},
		{"to the close", []chunk{req("GET / HTTP/1.0\r\n\r\n"), resp("HTTP/1.0 500 BAD\r\nHeader1: value1\r\n\r\n")}, "reqh:reqb resph:resph respb:respb"},
	}
	for _, tc := range cases {
		c := run(t, DefaultConfig(), tc.chunks, true)
		var got []string
		for _, e := range c.events {
			got = append(got, stageName[e.stage]+":"+stageName[e.unit.Through])
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, g, tc.want)
		}
	}
}

// http.request_header and http.response_header have one instance per
// header: a rule's matchers hold together on one of them.
func TestPerHeaderInstances(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\nHost: h\r\nSec-WebSocket-Key: abc\r\nHost: i\r\n\r\n")}, false)
	u := c.events[0].unit
	var got []string
	u.Instances("http.request_header", func(b []byte) bool {
		got = append(got, string(b))
		return false
	})
	if want := []string{"Host: h, i", "Sec-WebSocket-Key: abc"}; !slices.Equal(got, want) || !u.Multi() {
		t.Errorf("instances %q, want %q", got, want)
	}
}
