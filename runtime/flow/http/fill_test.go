package http

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// Filling a unit with a transaction's buffers allocates its buffer list
// once, at the size it needs, instead of regrowing it buffer by buffer.
func TestFillAllocatesBufferListOnce(t *testing.T) {
	var tx *Tx
	p := NewParser(DefaultConfig(), func(x *Tx, st Stage) {
		if st == ResponseBody {
			tx = x
		}
	})
	var req strings.Builder
	req.WriteString("GET /a?b=c HTTP/1.1\r\nHost: h\r\n")
	for i := range 20 {
		fmt.Fprintf(&req, "X-H%d: v%d\r\n", i, i)
	}
	req.WriteString("\r\n")
	p.Feed(inspect.ToServer, []byte(req.String()))
	p.Feed(inspect.ToClient, []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"))
	if tx == nil {
		t.Fatal("no response body stage")
	}
	fields := map[string]map[string]any{}
	var u inspect.Unit
	allocs := testing.AllocsPerRun(20, func() {
		u = inspect.Unit{Fields: fields}
		tx.Fill(&u, ResponseBody)
	})
	if allocs != 1 {
		t.Errorf("Fill made %v allocations, want 1 (the buffer list)", allocs)
	}
	if b, ok := u.Buffer("http.uri"); !ok || string(b) != "/a?b=c" {
		t.Errorf("http.uri = %q, %v", b, ok)
	}
	n := 0
	u.Instances("http.request_header", func([]byte) bool { n++; return false })
	if n != 21 {
		t.Errorf("%d http.request_header instances, want 21", n)
	}
}

// A message's header buffers cost the same few allocations whatever its
// number of headers: the buffer list, the per-header lines together, and
// http.start, http.header_names and http.header (not a line per header
// and regrowth), with the same bytes as before.
func TestHeaderBuffersAllocateOncePerBuffer(t *testing.T) {
	m := &Message{Line: []byte("GET / HTTP/1.1")}
	for i := range 30 {
		m.Headers = append(m.Headers, Header{Name: []byte(fmt.Sprintf("X-H%d", i)), Value: []byte(strings.Repeat("v", i))})
	}
	m.Headers = append(m.Headers, Header{Name: []byte("cookie"), Value: []byte("a=b")})
	var bufs []buffer
	allocs := testing.AllocsPerRun(20, func() {
		bufs = make([]buffer, 0, requestBufs+len(m.Headers))
		bufs = perHeader(bufs, "http.request_header", m)
		bufs = headerBuffers(bufs, m, "Cookie")
	})
	if allocs != 5 {
		t.Errorf("%v allocations, want 5", allocs)
	}
	var start, norm strings.Builder
	start.WriteString("GET / HTTP/1.1\r\n")
	for _, h := range m.Headers {
		line := string(h.Name) + ": " + string(h.Value) + "\r\n"
		start.WriteString(line)
		if string(h.Name) != "cookie" {
			norm.WriteString(line)
		}
	}
	start.WriteString("\r\n")
	got := map[string][]string{}
	for _, b := range bufs {
		got[b.name] = append(got[b.name], string(b.b))
	}
	if g := got["http.start"]; len(g) != 1 || g[0] != start.String() {
		t.Errorf("http.start %q", g)
	}
	if g := got["http.header"]; len(g) != 1 || g[0] != norm.String() {
		t.Errorf("http.header %q", g)
	}
	if g := got["http.request_header"]; len(g) != 31 || g[30] != "cookie: a=b" || g[2] != "X-H2: vv" {
		t.Errorf("http.request_header %q", g)
	}
	if g := got["http.header_names"]; len(g) != 1 || !strings.HasPrefix(g[0], "\r\nX-H0\r\nX-H1\r\n") || !strings.HasSuffix(g[0], "cookie\r\n\r\n") {
		t.Errorf("http.header_names %q", g)
	}
}
