package flow

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

func TestAckBufSize(t *testing.T) {
	for n, want := range map[int]int{0: minChunkCap, 1: minChunkCap, minChunkCap: minChunkCap, minChunkCap + 1: 2 * minChunkCap, 3000: 4096, 65536: 65536, 65537: 131072} {
		if got := ackBufSize(n); got != want {
			t.Errorf("ackBufSize(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestAckPoolReuses: a drained buffer comes back for the next burst of
// its size, large bursts' buffers included; the pool keeps at most
// ackPoolDepth of a size and ackPoolBytes in all, and sizes past
// ackPoolMax or not from ackBufSize are not kept.
func TestAckPoolReuses(t *testing.T) {
	p := newAckPool()
	for _, size := range []int{4096, 128 << 10, ackPoolMax} {
		b := p.get(size)
		b = append(b, "data"...)
		p.put(b)
		if c := p.get(size); cap(c) != size || len(c) != 0 || &c[:1][0] != &b[0] {
			t.Errorf("get(%d) after put: cap %d len %d, not the same buffer", size, cap(c), len(c))
		}
	}
	for range ackPoolDepth + 5 {
		p.put(make([]byte, 0, 2048))
	}
	if n := len(p.free[p.class(2048)]); n != ackPoolDepth {
		t.Errorf("%d buffers of 2 KiB kept, want %d", n, ackPoolDepth)
	}
	for range 8 {
		p.put(make([]byte, 0, ackPoolMax))
	}
	p.put(make([]byte, 0, 2*ackPoolMax))
	p.put(make([]byte, 0, 3000))
	kept := 0
	for _, l := range p.free {
		for _, b := range l {
			kept += cap(b)
		}
	}
	if want := ackPoolDepth*2048 + (ackPoolBytes-ackPoolDepth*2048)/ackPoolMax*ackPoolMax; kept != want || p.held != kept {
		t.Errorf("%d bytes kept (held %d), want %d", kept, p.held, want)
	}
	if c := p.get(2 * ackPoolMax); cap(c) != 2*ackPoolMax {
		t.Errorf("large get: cap %d", cap(c))
	}
}

// TestStreamBuffersReusedAcrossFlows: an ended flow's stream buffers go
// back to the tracker's pool and the next flow's come from it, so a
// second connection like the first allocates none; with the pool
// overwriting what is put back, the second flow's stream and requests
// are still its own.
func TestStreamBuffersReusedAcrossFlows(t *testing.T) {
	http.ScribbleBodies = true
	defer func() { http.ScribbleBodies = false }()
	tr, s := newTracker(DefaultConfig())
	conn := func(port uint16, uri string) {
		c := newConn("10.0.0.1", "10.0.0.2", port, 80)
		req := "GET " + uri + " HTTP/1.1\r\nHost: a\r\n\r\n"
		frames := append(c.handshake(), c.c2s(req), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n"+strings.Repeat("x", 1400)),
			c.s2c(strings.Repeat("y", 1600)), c.cAck())
		feed(t, tr, append(frames, c.close()...)...)
	}
	conn(40000, "/first")
	if tr.ackFree.held == 0 {
		t.Fatal("the ended flow's stream buffers were not given back")
	}
	held := tr.ackFree.held
	conn(40001, "/second")
	if tr.ackFree.held != held {
		t.Errorf("pool holds %d bytes after a second flow like the first, want %d (its buffers came from the pool and went back)", tr.ackFree.held, held)
	}
	var uris, streams []string
	for _, u := range s.units {
		if v, ok := u.buffers["http.uri"]; ok && u.dir == inspect.ToServer {
			uris = append(uris, v)
		}
		if u.kind == inspect.KindStream && u.dir == inspect.ToServer {
			streams = append(streams, u.payloads...)
		}
	}
	if len(uris) == 0 || uris[len(uris)-1] != "/second" {
		t.Errorf("request uris %q", uris)
	}
	if len(streams) != 2 || !strings.HasPrefix(streams[1], "GET /second ") {
		t.Errorf("client streams %q", streams)
	}
}

// TestIdleFlowHoldsNoStreamBuffers: once a direction's bytes were
// parsed and inspected, its stream buffers are back in the pool and their
// room back in the stream memcap: a flow holds buffers only for bytes
// still waiting, and keep-alive requests reuse the pool's.
func TestIdleFlowHoldsNoStreamBuffers(t *testing.T) {
	tr, _ := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
	feed(t, tr, c.handshake()...)
	for range 5 {
		feed(t, tr, c.c2s("GET /a HTTP/1.1\r\nHost: a\r\n\r\n"), c.sAck(), c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), c.cAck())
		held := 0
		for _, f := range tr.table.flows {
			for d := range f.tcp.chunk {
				if len(f.tcp.unacked[d]) == 0 && cap(f.tcp.unacked[d]) > 0 || len(f.tcp.chunk[d]) == 0 && cap(f.tcp.chunk[d]) > 0 {
					t.Errorf("direction %d holds an empty buffer: unacked cap %d, chunk cap %d", d, cap(f.tcp.unacked[d]), cap(f.tcp.chunk[d]))
				}
				held += cap(f.tcp.unacked[d]) + cap(f.tcp.chunk[d])
			}
		}
		if tr.streamMem != held {
			t.Errorf("stream memory %d, buffers held %d", tr.streamMem, held)
		}
	}
	if tr.ackFree.held == 0 {
		t.Error("no buffer came back to the pool")
	}
}
