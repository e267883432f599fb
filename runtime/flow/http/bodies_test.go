package http

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// Keep-alive transactions' bodies reuse the buffer of the transaction
// before, with their own bytes and the memcap balanced.
func TestBodiesReused(t *testing.T) {
	mc := NewMemcap(1 << 30)
	cfg := DefaultConfig()
	cfg.Memcap, cfg.Bodies = mc, NewBodies(1<<20)
	var bodies [][]byte
	addrs := map[*byte]bool{}
	p := NewParser(cfg, func(tx *Tx, st Stage) {
		if st == ResponseBody {
			bodies = append(bodies, bytes.Clone(tx.Response.Body))
			addrs[&tx.Response.Body[0]] = true
		}
	})
	for i := range 5 {
		body := bytes.Repeat([]byte{byte('a' + i)}, 3000)
		p.Feed(inspect.ToServer, []byte("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
		p.Feed(inspect.ToClient, fmt.Appendf(nil, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", len(body)))
		p.Feed(inspect.ToClient, body[:1000])
		p.Feed(inspect.ToClient, body[1000:])
	}
	if len(bodies) != 5 {
		t.Fatalf("%d response bodies, want 5", len(bodies))
	}
	for i, b := range bodies {
		if !bytes.Equal(b, bytes.Repeat([]byte{byte('a' + i)}, 3000)) {
			t.Errorf("body %d: %q...", i, b[:10])
		}
	}
	if len(addrs) != 1 {
		t.Errorf("the 5 bodies took %d buffers, want 1 reused", len(addrs))
	}
	p.Release()
	if mc.Use() != 0 {
		t.Errorf("%d bytes still charged", mc.Use())
	}
}

// The pool keeps only buffers of its sizes, and no more than its limit.
func TestBodiesBounded(t *testing.T) {
	b := NewBodies(4096)
	if got := cap(b.get(600)); got != 1024 {
		t.Errorf("get(600): capacity %d, want its class 1024", got)
	}
	if got := cap(b.get(1 << 20)); got != 1<<20 {
		t.Errorf("get(1 MiB): capacity %d, want exactly 1 MiB", got)
	}
	b.put(make([]byte, 0, 1000))
	b.put(make([]byte, 0, 1<<20))
	if b.held != 0 {
		t.Errorf("odd sizes kept: %d bytes held", b.held)
	}
	for range 3 {
		b.put(make([]byte, 10, 2048))
	}
	if b.held != 4096 {
		t.Errorf("%d bytes held, want the limit 4096", b.held)
	}
	if got := b.get(1500); cap(got) != 2048 || len(got) != 0 || b.held != 2048 {
		t.Errorf("get(1500) from the pool: len %d cap %d, %d held", len(got), cap(got), b.held)
	}
}
