package http

import (
	"reflect"
	"testing"
)

// dump-all-headers lists a message's headers (repeats merged, as libhtp
// keeps them) in the http section; off, neither list is there.
func TestDumpAllHeaders(t *testing.T) {
	chunks := []chunk{req("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nX-A: 2\r\n\r\n"), resp("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")}
	cfg := DefaultConfig()
	cfg.DumpRequestHeaders, cfg.DumpResponseHeaders = true, true
	c := run(t, cfg, chunks, false)
	f := c.events[len(c.events)-1].unit.Fields["http"]
	wantReq := []map[string]string{{"name": "Host", "value": "h"}, {"name": "X-A", "value": "1, 2"}}
	wantResp := []map[string]string{{"name": "Content-Length", "value": "2"}}
	if !reflect.DeepEqual(f["request_headers"], wantReq) || !reflect.DeepEqual(f["response_headers"], wantResp) {
		t.Errorf("request_headers %v, response_headers %v", f["request_headers"], f["response_headers"])
	}
	if f := c.events[0].unit.Fields["http"]; f["response_headers"] != nil || f["request_headers"] == nil {
		t.Errorf("request unit's section %v", f)
	}
	c = run(t, DefaultConfig(), chunks, false)
	if f := c.events[len(c.events)-1].unit.Fields["http"]; f["request_headers"] != nil || f["response_headers"] != nil {
		t.Errorf("dump off: %v", f)
	}
}
