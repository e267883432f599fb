package http

import (
	"reflect"
	"testing"
)

// The http object's basic fields besides hostname and url: http_port
// when the authority names a port (the URI's before the Host header's),
// xff (the X-Forwarded-For value) and content_range.
func TestBasicFieldsPortXFFRange(t *testing.T) {
	chunks := []chunk{req("GET http://a.example:8080/x HTTP/1.1\r\nHost: b.example:9090\r\nX-Forwarded-For: 10.1.1.1\r\n\r\n"),
		resp("HTTP/1.1 206 Partial\r\nContent-Range: bytes 500-1000/146515\r\nContent-Length: 2\r\n\r\nok")}
	c := run(t, DefaultConfig(), chunks, false)
	f := c.events[len(c.events)-1].unit.Fields["http"]
	want := map[string]any{"raw": "bytes 500-1000/146515", "start": int64(500), "end": int64(1000), "size": int64(146515)}
	if f["http_port"] != uint16(8080) || f["xff"] != "10.1.1.1" || !reflect.DeepEqual(f["content_range"], want) {
		t.Errorf("http object %v", f)
	}
	c = run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\nHost: b.example\r\n\r\n")}, false)
	f = c.events[0].unit.Fields["http"]
	if _, has := f["http_port"]; has {
		t.Errorf("no port given: %v", f)
	}
}

func TestHostPort(t *testing.T) {
	for h, want := range map[string]uint16{"a:80": 80, "[::1]:443": 443, "[::1]": 0, "a": 0, "a:0": 0, "a:70000": 0, "a:x": 0, "u@a:81": 81} {
		if got := hostPort([]byte(h)); got != want {
			t.Errorf("%q: %d, want %d", h, got, want)
		}
	}
}

func TestContentRange(t *testing.T) {
	for v, want := range map[string]map[string]any{
		"bytes 0-9/10":   {"raw": "bytes 0-9/10", "start": int64(0), "end": int64(9), "size": int64(10)},
		"bytes */10":     {"raw": "bytes */10", "size": int64(10)},
		"bytes 1-2/*":    {"raw": "bytes 1-2/*", "start": int64(1), "end": int64(2)},
		"bytes x":        {"raw": "bytes x"},
		"0-9/10":         {"raw": "0-9/10"},
		"  bytes  3-4/5": {"raw": "  bytes  3-4/5", "start": int64(3), "end": int64(4), "size": int64(5)},
	} {
		if got := contentRange([]byte(v)); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, want %v", v, got, want)
		}
	}
}
