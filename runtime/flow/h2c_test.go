package flow

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// A 101 response to a request with Upgrade: h2c switches the flow to
// HTTP/2 (app_proto_orig "http"): the HTTP/1 transaction's record is
// written, and the HTTP/2 parser starts with the request as stream 1
// (one field per header, Host as :authority) and its HTTP2-Settings as a
// stream-0 SETTINGS transaction; the server's HTTP/2 frames after the
// 101 head, in the same segment, are parsed as such. With HTTP/2 off
// (app-layer.protocols.http2.enabled: no) the flow stays HTTP.
func TestH2CUpgrade(t *testing.T) {
	req := "GET /robots.txt HTTP/1.1\r\nHost: example.org\r\nConnection: Upgrade, HTTP2-Settings\r\n" +
		"Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAIAAAAA\r\nUser-Agent: curl\r\n\r\n"
	resp := "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n" +
		h2frame(4, 0, 0, []byte{0, 1, 0, 0, 0x20, 0})
	for _, off := range []bool{false, true} {
		cfg := DefaultConfig()
		if err := cfg.Set("app-layer.protocols.http2.enabled", map[bool]string{false: "yes", true: "no"}[off]); err != nil {
			t.Fatal(err)
		}
		tr, s := newTracker(cfg)
		var recs []map[string]any
		tr.OnRecord(func(u *inspect.Unit) {
			if h := u.Sections()["http"]; h != nil {
				recs = append(recs, h)
			}
		})
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
		frames := concat(c.handshake(), c.c2s(req), c.s2c(resp),
			c.c2s("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"+h2frame(4, 0, 0, nil)),
			c.s2c(h2frame(1, 0x5, 1, h2block(":status", "200"))), c.cAck())
		feed(t, tr, append(frames, c.close()...)...)
		last := s.units[len(s.units)-1]
		if off {
			for _, r := range recs {
				if r["http2"] != nil {
					t.Errorf("http2 off: record %v", r)
				}
			}
			if last.flow.App != "http" {
				t.Errorf("http2 off: app %q", last.flow.App)
			}
			continue
		}
		if last.flow.App != "http2" || last.flow.AppOrig != "http" {
			t.Fatalf("app %q, orig %q", last.flow.App, last.flow.AppOrig)
		}
		if len(recs) != 4 || fmt.Sprint(recs[0]["status"]) != "101" {
			t.Fatalf("records %v", recs)
		}
		stream1, settings := recs[3], recs[1]
		wantHeaders := []any{
			map[string]any{"name": ":method", "value": "GET"}, map[string]any{"name": ":path", "value": "/robots.txt"},
			map[string]any{"name": ":authority", "value": "example.org"},
			map[string]any{"name": "Connection", "value": "Upgrade, HTTP2-Settings"},
			map[string]any{"name": "Upgrade", "value": "h2c"}, map[string]any{"name": "User-Agent", "value": "curl"}}
		if !reflect.DeepEqual(stream1["request_headers"], wantHeaders) || stream1["status"] != uint64(200) ||
			stream1["http2"].(map[string]any)["stream_id"] != uint32(1) {
			t.Errorf("stream 1 record %v", stream1)
		}
		h2 := settings["http2"].(map[string]any)
		if h2["stream_id"] != uint32(0) || len(h2["request"].(map[string]any)["settings"].([]any)) != 2 {
			t.Errorf("HTTP2-Settings record %v", settings)
		}
	}
}
