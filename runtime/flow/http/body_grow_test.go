package http

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// A body of announced length arriving in segments is kept in one buffer
// sized to what was announced once it outgrows the first reservation,
// instead of being copied into ever larger ones; the bytes kept, the
// limit and the memcap charges stay as they were.
func TestBodyOfKnownLengthGrowsOnce(t *testing.T) {
	mc := NewMemcap(1 << 30)
	cfg := DefaultConfig()
	cfg.Memcap = mc
	var got []byte
	p := NewParser(cfg, func(tx *Tx, st Stage) {
		if st == ResponseBody {
			got = append([]byte(nil), tx.Response.Body...)
		}
	})
	const size = 60 << 10
	body := []byte(strings.Repeat("0123456789abcdef", size/16))
	p.Feed(inspect.ToServer, []byte("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
	p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nContent-Length: 61440\r\n\r\n"))
	caps := map[int]bool{}
	for off := 0; off < size; off += 1400 {
		p.Feed(inspect.ToClient, body[off:min(off+1400, size)])
		if p.resp.raw != nil {
			caps[cap(p.resp.raw)] = true
		}
	}
	if len(caps) != 2 || !caps[firstBody] || !caps[size] {
		t.Errorf("body buffer capacities %v, want the first reservation %d and the announced %d", caps, firstBody, size)
	}
	if !bytes.Equal(got, body) {
		t.Errorf("body kept %d bytes, want the %d sent", len(got), len(body))
	}
	p.Release()
	if mc.Use() != 0 {
		t.Errorf("%d bytes still charged", mc.Use())
	}
}

// An announced length over the body limit keeps only the limit.
func TestBodyOfKnownLengthStopsAtLimit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.BodyLimit = 10 << 10
	var got int
	p := NewParser(cfg, func(tx *Tx, st Stage) {
		if st == ResponseBody {
			got = len(tx.Response.Body)
		}
	})
	p.Feed(inspect.ToServer, []byte("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
	p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"))
	chunk := bytes.Repeat([]byte("x"), 1000)
	for range 100 {
		p.Feed(inspect.ToClient, chunk)
		if c := cap(p.resp.raw); c > cfg.BodyLimit {
			t.Fatalf("body buffer of %d bytes over the limit %d", c, cfg.BodyLimit)
		}
	}
	if got != cfg.BodyLimit {
		t.Errorf("kept %d body bytes, want the limit %d", got, cfg.BodyLimit)
	}
}
