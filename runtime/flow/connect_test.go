package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// After a CONNECT request's 2xx response the flow changes protocol:
// detection starts again on the tunnel's bytes (TLS here, or HTTP with a
// new parser whose transactions count from 0), app_proto_orig is "http",
// and the CONNECT transaction's record is written.
func TestConnectTunnel(t *testing.T) {
	for _, tc := range []struct {
		name, tunnel, app string
		txs               []uint64
	}{
		{"http", "GET / HTTP/1.1\r\nHost: abc\r\n\r\n", "http", []uint64{1, 1}},
		{"tls", string(clientHello("abc.example")), "tls", []uint64{1}},
	} {
		tr, s := newTracker(DefaultConfig())
		var records []*inspect.Unit
		tr.OnRecord(func(u *inspect.Unit) {
			if u.RecordType() == "http" {
				records = append(records, u)
			}
		})
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
		frames := concat(c.handshake(), c.c2s("CONNECT abc:443 HTTP/1.1\r\nHost: abc:443\r\n\r\n"), c.s2c("HTTP/1.1 200 OK\r\n\r\n"), c.c2s(tc.tunnel))
		if tc.app == "http" {
			frames = append(frames, c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
		}
		feed(t, tr, append(frames, c.close()...)...)
		last := s.units[len(s.units)-1]
		if last.flow.App != tc.app || last.flow.AppOrig != "http" {
			t.Errorf("%s: app %q, orig %q", tc.name, last.flow.App, last.flow.AppOrig)
		}
		var txs []uint64
		for _, u := range records {
			txs = append(txs, u.Tx)
		}
		if len(txs) != len(tc.txs) || txs[0] != 1 || len(txs) > 1 && txs[1] != tc.txs[1] {
			t.Errorf("%s: http records of transactions %v, want %v", tc.name, txs, tc.txs)
		}
	}
}
