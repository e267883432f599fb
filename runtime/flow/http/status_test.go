package http

import "testing"

// A status code that is not a number frames the body like any other
// response (libhtp reads its Content-Length) and is logged as
// status_string.
func TestNonNumericStatus(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("GET /test HTTP/1.1\r\nHost: h\r\n\r\n"), resp("HTTP/1.0 2XX OK\r\nServer: POC\r\nContent-Length:4\r\n\r\ntoto")}, true)
	if got := c.stages(); got != "0:reqh 0:resph 0:respb" {
		t.Fatalf("stages %s", got)
	}
	f := c.events[2].unit.Fields["http"]
	if f["status_string"] != "2XX" || f["status"] != nil || f["length"] != int64(4) {
		t.Errorf("http fields %v", f)
	}
}

// Suricata logs the response's length, 0 before any response, and the
// content type without its parameters.
func TestLengthAndContentType(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("GET /test HTTP/1.1\r\nHost: h\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length:4\r\n\r\ntoto")}, true)
	if f := c.events[0].unit.Fields["http"]; f["length"] != int64(0) {
		t.Errorf("request fields %v, want length 0", f)
	}
	if f := c.events[2].unit.Fields["http"]; f["length"] != int64(4) || f["http_content_type"] != "text/html" {
		t.Errorf("response fields %v", f)
	}
}
