package http

import (
	"slices"
	"testing"
)

// lastEvents are the events of the last unit reported.
func lastEvents(c *collector) []string {
	if len(c.events) == 0 {
		return nil
	}
	return c.events[len(c.events)-1].unit.Events
}

// A chunk-size line with an extension raises the direction's
// chunk_extension event; one without does not.
func TestChunkExtensionEvents(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4 \r\ntiti\r\n0 ; a=b\r\n\r\n")}, false)
	if got := lastEvents(c); !slices.Equal(got, []string{EventRequestChunkExtension}) {
		t.Errorf("request events %v", got)
	}
	c = run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x\r\nok\r\n0\r\n\r\n")}, false)
	if got := lastEvents(c); !slices.Equal(got, []string{EventResponseChunkExtension}) {
		t.Errorf("response events %v", got)
	}
	c = run(t, DefaultConfig(), []chunk{req("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ntiti\r\n0\r\n\r\n")}, false)
	if got := lastEvents(c); len(got) != 0 {
		t.Errorf("plain chunks raised %v", got)
	}
}

// libhtp counts a Content-Encoding's layers (identity included) unless it
// names one coding; more than two raise too_many_encoding_layers.
func TestTooManyEncodingLayers(t *testing.T) {
	for enc, want := range map[string]bool{
		"identity, identity, gzip, identity, gzip, gzip": true,
		"gzip gzip deflate": true,
		"gzip, gzip":        false,
		"GZIP":              false,
		"identity":          false,
	} {
		c := run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Encoding: " + enc + "\r\nContent-Length: 2\r\n\r\nok")}, false)
		if got := slices.Contains(lastEvents(c), EventTooManyEncodingLayers); got != want {
			t.Errorf("%q: event %v, want %v", enc, got, want)
		}
	}
}

// With double-decode-path and -query, http.uri is decoded twice and a
// second decoding that changes it raises double_encoded_uri.
func TestDoubleEncodedURI(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DoubleDecodePath, cfg.DoubleDecodeQuery = true, true
	cases := []struct {
		uri, want string
		event     bool
	}{
		{"/evil%2527sqli", "/evil'sqli", true},
		{"/a?q=%2541", "/a?q=A", true},
		{"/a%20b?q=%41", "/a b?q=A", false},
	}
	for _, tc := range cases {
		c := run(t, cfg, []chunk{req("GET " + tc.uri + " HTTP/1.1\r\n\r\n")}, false)
		u := c.events[0].unit
		if got := buf(u, "http.uri"); got != tc.want {
			t.Errorf("%s: http.uri %q, want %q", tc.uri, got, tc.want)
		}
		if got := slices.Contains(u.Events, EventDoubleEncodedURI); got != tc.event {
			t.Errorf("%s: event %v, want %v", tc.uri, got, tc.event)
		}
	}
	c := run(t, DefaultConfig(), []chunk{req("GET /evil%2527sqli HTTP/1.1\r\n\r\n")}, false)
	if u := c.events[0].unit; buf(u, "http.uri") != "/evil%27sqli" || len(u.Events) != 0 {
		t.Errorf("default config: http.uri %q, events %v", buf(u, "http.uri"), u.Events)
	}
}

// Lines that arrive with a request announcing no body and do not start
// with a known method are that request's body, with
// request_body_unexpected; a known method starts the next request.
func TestRequestBodyUnexpected(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("POST /i HTTP/1.1\r\nHost: h\r\n\r\nlogin=foo&password=bar\r\nGET /next HTTP/1.1\r\n\r\n")}, false)
	if got := c.stages(); got != "0:reqh 0:reqb 1:reqh" {
		t.Fatalf("stages %s", got)
	}
	body := c.events[1].unit
	if got := buf(body, "http.request_body"); got != "login=foo&password=bar\r\n" {
		t.Errorf("body %q", got)
	}
	if !slices.Contains(body.Events, EventRequestBodyUnexpected) || slices.Contains(c.events[2].unit.Events, EventRequestBodyUnexpected) {
		t.Errorf("events %v then %v", body.Events, c.events[2].unit.Events)
	}
	if got := buf(c.events[2].unit, "http.uri"); got != "/next" {
		t.Errorf("next request uri %q", got)
	}
	// blank lines before a next request stay what they were: no body
	c = run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\n\r\n\r\nGET /2 HTTP/1.1\r\n\r\n")}, false)
	if got := c.stages(); got != "0:reqh 1:reqh" || len(c.events[0].unit.Events) != 0 {
		t.Errorf("stages %s, events %v", got, c.events[0].unit.Events)
	}
}
