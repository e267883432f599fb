package http

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// Many connections each holding an unfinished compressed response stay
// within the shared memcap; what it refuses is counted, and every charge
// comes back when the connections end.
func TestMemcapBoundsHeldBodies(t *testing.T) {
	const limit = 4 << 20
	mc := NewMemcap(limit)
	cfg := DefaultConfig()
	cfg.Memcap = mc
	var parsers []*Parser
	chunk := []byte(strings.Repeat("z", 64<<10))
	for range 200 {
		p := NewParser(cfg, func(*Tx, Stage) {})
		p.Feed(inspect.ToServer, []byte("GET /x HTTP/1.1\r\nHost: h\r\n\r\n"))
		p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 1048576\r\n\r\n"))
		for range 4 {
			p.Feed(inspect.ToClient, chunk)
		}
		parsers = append(parsers, p)
		if mc.Use() > limit {
			t.Fatalf("%d bytes held over a memcap of %d", mc.Use(), limit)
		}
	}
	if mc.Hits() == 0 {
		t.Error("200 bodies of 256 KiB fit in 4 MiB: memcap never refused")
	}
	for _, p := range parsers {
		p.End(inspect.ToClient)
		p.Release()
	}
	if mc.Use() != 0 {
		t.Errorf("%d bytes still charged after every connection ended", mc.Use())
	}
}

// Transactions that complete give their memory back without waiting for
// the end of the connection.
func TestMemcapBalanced(t *testing.T) {
	mc := NewMemcap(1 << 30)
	cfg := DefaultConfig()
	cfg.Memcap = mc
	p := NewParser(cfg, func(*Tx, Stage) {})
	for i := range 50 {
		body := strings.Repeat("b", i*100)
		p.Feed(inspect.ToServer, fmt.Appendf(nil, "POST /%d HTTP/1.1\r\nContent-Length: %d\r\n\r\n%s", i, len(body), body))
		p.Feed(inspect.ToClient, []byte("HTTP/1.1 100 Continue\r\n\r\n"))
		p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
		p.Feed(inspect.ToServer, []byte("GET /gz HTTP/1.1\r\n\r\n"))
		p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "+fmt.Sprint(len(gz(body)))+"\r\n\r\n"+gz(body)))
	}
	if mc.Use() != 0 {
		t.Errorf("%d bytes charged with no transaction open", mc.Use())
	}
	p.Feed(inspect.ToServer, []byte("GET /open HTTP/1.1\r\nX: "+strings.Repeat("x", 1000)+"\r\n\r\nPOST /p HTTP/1.1\r\nContent-Length: 100\r\n\r\npart"))
	if mc.Use() == 0 {
		t.Error("open transactions charge nothing")
	}
	p.Release()
	if mc.Use() != 0 {
		t.Errorf("%d bytes charged after Release", mc.Use())
	}
}
