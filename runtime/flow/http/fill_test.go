package http

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// Filling a unit with a transaction's buffers allocates nothing: units
// share the transaction's lists (the request's as responses see it made
// once); a unit changing its buffers changes no other unit's.
func TestFillSharesBufferLists(t *testing.T) {
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
	if allocs != 0 {
		t.Errorf("Fill made %v allocations, want 0 (lists shared)", allocs)
	}
	if b, ok := u.Buffer("http.uri"); !ok || string(b) != "/a?b=c" {
		t.Errorf("http.uri = %q, %v", b, ok)
	}
	n := 0
	u.Instances("http.request_header", func([]byte) bool { n++; return false })
	if n != 21 || !u.Multi() {
		t.Errorf("%d http.request_header instances (multi %v), want 21", n, u.Multi())
	}
	if b, ok := u.Buffer("http.content_type"); !ok || string(b) != "text/plain" {
		t.Errorf("response http.content_type = %q, %v", b, ok)
	}
	if _, ok := u.Buffer("http.start:to_server"); !ok {
		t.Error("the response unit lacks the request's http.start")
	}
	var other inspect.Unit
	tx.Fill(&other, ResponseBody)
	u.SetBuffer("http.uri", []byte("/changed"))
	u.AddBuffer("http.request_header", []byte("X-More: 1"))
	if b, _ := other.Buffer("http.uri"); string(b) != "/a?b=c" {
		t.Errorf("another unit's http.uri = %q after one unit set its own", b)
	}
	n = 0
	other.Instances("http.request_header", func([]byte) bool { n++; return false })
	if n != 21 {
		t.Errorf("another unit has %d http.request_header instances after one unit added one", n)
	}
	if b, _ := u.Buffer("http.uri"); string(b) != "/changed" {
		t.Errorf("the unit's own http.uri = %q", b)
	}
	var ru inspect.Unit
	tx.Fill(&ru, RequestHeaders)
	if b, _ := ru.Buffer("http.uri"); string(b) != "/a?b=c" {
		t.Errorf("a request unit's http.uri = %q", b)
	}
	if _, ok := ru.Buffer("http.content_type"); ok {
		t.Error("a request unit has the response's http.content_type")
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
		got[b.Name] = append(got[b.Name], string(b.B))
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
