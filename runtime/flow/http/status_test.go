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
