package http

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// allocated is the bytes fn allocates, on average over n runs.
func allocated(n int, fn func()) uint64 {
	fn()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		fn()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}

// TestDecodeBodyReusesBuffers: decoding a body takes its output from the
// body pool, grown there, and gives back the input of an inner coding,
// so a second body like the first allocates next to nothing of its
// decoded size (a decompressor remade once a GC emptied its sync.Pool
// is the most: 40 KB over the runs).
func TestDecodeBodyReusesBuffers(t *testing.T) {
	text := strings.Repeat("<p>some page text, compressible</p>\n", 1000) // 36 KB, past the first guess
	pool := NewBodies(1 << 20)
	for _, c := range []struct{ enc, body string }{{"gzip", gz(text)}, {"deflate", zl(text)}, {"gzip, gzip", gz(gz(text))}} {
		enc, body := []byte(c.enc), []byte(c.body)
		n := allocated(20, func() {
			got := decodeBody(enc, body, 100<<10, pool)
			if !bytes.Equal(got, []byte(text)) {
				t.Fatalf("%s: decoded %d bytes, not the text", c.enc, len(got))
			}
			pool.put(got)
		})
		if n > uint64(len(text)/8) {
			t.Errorf("%s: %d bytes allocated per decode of %d bytes, want the pool's buffers reused", c.enc, n, len(text))
		}
	}
}

// TestDecodedBodiesKeepTheirBytes: keep-alive responses with encoded
// bodies, held while their units wait, each keep their own decoded bytes
// though the pool (which overwrites what comes back) gives the encoded
// bytes' buffers to the next ones.
func TestDecodedBodiesKeepTheirBytes(t *testing.T) {
	ScribbleBodies = true
	defer func() { ScribbleBodies = false }()
	cfg := DefaultConfig()
	cfg.Memcap, cfg.Bodies = NewMemcap(1<<30), NewBodies(1<<20)
	c := &collector{}
	p := NewParser(cfg, c.emit)
	p.HoldBodies(true)
	var want []string
	for i, enc := range []string{"gzip", "deflate", "gzip, gzip", "gzip"} {
		text := strings.Repeat(fmt.Sprintf("body %d of the connection; ", i), 200+i*100)
		body := map[string]string{"gzip": gz(text), "deflate": zl(text), "gzip, gzip": gz(gz(text))}[enc]
		want = append(want, text)
		p.Feed(inspect.ToServer, []byte("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
		p.Feed(inspect.ToClient, fmt.Appendf(nil, "HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\nContent-Length: %d\r\n\r\n%s", enc, len(body), body))
	}
	var got []string
	for _, e := range c.events {
		if e.stage == ResponseBody {
			got = append(got, buf(e.unit, "http.response_body"))
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d response bodies, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("response %d: body %.40q..., want %.40q...", i, got[i], want[i])
		}
	}
	p.HoldBodies(false)
}
