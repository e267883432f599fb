package http

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// FuzzParser feeds arbitrary request and response streams, split at an
// arbitrary point: nothing may panic, every stage fills a unit, and the
// memcap gets back every byte charged once the connection is released.
func FuzzParser(f *testing.F) {
	f.Add([]byte(simpleGET+"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"+chunked("ab")), []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), uint8(7))
	f.Add([]byte("GET /x\r\n"), []byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n"+gz("z")), uint8(30))
	f.Fuzz(func(t *testing.T, req, resp []byte, cut uint8) {
		mc := NewMemcap(1 << 10)
		p := NewParser(Config{MaxHeaderBytes: 256, FieldLimit: 64, MaxHeaders: 8, BodyLimit: 64, EncodedLimit: 128, Memcap: mc}, func(tx *Tx, st Stage) {
			tx.Fill(&inspect.Unit{}, st)
		})
		for _, in := range []struct {
			dir inspect.Dir
			b   []byte
		}{{inspect.ToServer, req}, {inspect.ToClient, resp}} {
			n := min(int(cut), len(in.b))
			p.Feed(in.dir, in.b[:n])
			p.Gap(in.dir, int(cut%5))
			p.Feed(in.dir, in.b[n:])
		}
		p.End(inspect.ToServer)
		p.End(inspect.ToClient)
		p.Release()
		if mc.Use() != 0 {
			t.Errorf("%d bytes charged after release", mc.Use())
		}
	})
}
