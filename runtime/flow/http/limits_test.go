package http

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// feedSplit feeds one direction's bytes in pieces of n bytes.
func feedSplit(t *testing.T, cfg Config, dir inspect.Dir, data string, n int) (*collector, *Parser) {
	t.Helper()
	c := &collector{}
	p := NewParser(cfg, c.emit)
	for len(data) > 0 {
		k := min(n, len(data))
		if err := p.Feed(dir, []byte(data[:k])); err != nil {
			t.Fatalf("piece of %d: %v", n, err)
		}
		data = data[k:]
	}
	return c, p
}

// A header line past the field limit is cut to it: the request line, the
// headers after it and the next pipelined request are all inspected, and
// the transaction carries libhtp's event.
func TestLongHeaderLine(t *testing.T) {
	cfg := DefaultConfig()
	long := "GET /first HTTP/1.1\r\nX-Pad: " + strings.Repeat("a", 100<<10) + "\r\nUser-Agent: evil\r\n\r\n"
	next := "GET /second HTTP/1.1\r\nHost: h\r\n\r\n"
	for _, n := range []int{1 << 30, 1460, 7, 1} {
		c, p := feedSplit(t, cfg, inspect.ToServer, long+next, n)
		c.dropLines()
		if c.stages() != "0:reqh 1:reqh" {
			t.Fatalf("pieces of %d: stages %q", n, c.stages())
		}
		first, second := c.events[0].unit, c.events[1].unit
		if buf(first, "http.uri") != "/first" || buf(first, "http.user_agent") != "evil" || buf(second, "http.uri") != "/second" {
			t.Errorf("pieces of %d: uri %q ua %q, next uri %q", n, buf(first, "http.uri"), buf(first, "http.user_agent"), buf(second, "http.uri"))
		}
		if line := "X-Pad: " + strings.Repeat("a", cfg.FieldLimit-len("X-Pad: ")) + "\r\n"; !strings.Contains(buf(first, "http.header.raw"), line) {
			t.Errorf("pieces of %d: X-Pad not cut to the field limit", n)
		}
		if !slices.Equal(first.Events, []string{EventRequestFieldTooLong}) || len(second.Events) != 0 {
			t.Errorf("pieces of %d: events %v then %v", n, first.Events, second.Events)
		}
		if len(p.req.buf) != 0 {
			t.Errorf("pieces of %d: %d bytes still held", n, len(p.req.buf))
		}
	}
}

// A request line past the field limit is cut too.
func TestLongRequestLine(t *testing.T) {
	cfg := DefaultConfig()
	uri := "/" + strings.Repeat("u", 30<<10)
	c := run(t, cfg, []chunk{req("GET " + uri + " HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTTP/1.1\r\n\r\n")}, false)
	if c.stages() != "0:reqh 1:reqh" {
		t.Fatalf("stages %q", c.stages())
	}
	u := c.events[0].unit
	if got := buf(u, "http.request_line"); len(got) != cfg.FieldLimit || !strings.HasPrefix(got, "GET /uuu") {
		t.Errorf("request line of %d bytes", len(got))
	}
	if buf(u, "http.host") != "h" || !slices.Equal(u.Events, []string{EventRequestFieldTooLong}) {
		t.Errorf("host %q events %v", buf(u, "http.host"), u.Events)
	}
}

// Past the head's byte or header limit, the headers kept are inspected,
// the rest of the head is read past without being held, and the next
// request is parsed.
func TestHeadLimits(t *testing.T) {
	cfg := DefaultConfig()
	var many strings.Builder
	many.WriteString("GET /big HTTP/1.1\r\nHost: h\r\n")
	for i := range 100 {
		fmt.Fprintf(&many, "X-%d: %s\r\n", i, strings.Repeat("v", 1000))
	}
	many.WriteString("User-Agent: late\r\n\r\n")
	var count strings.Builder
	count.WriteString("GET /count HTTP/1.1\r\n")
	for i := range 1100 {
		fmt.Fprintf(&count, "X-%d: v\r\n", i)
	}
	count.WriteString("\r\n")
	next := "POST /next HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
	for _, n := range []int{1 << 30, 1000, 3} {
		c, p := feedSplit(t, cfg, inspect.ToServer, many.String()+count.String()+next, n)
		c.dropLines()
		if c.stages() != "0:reqh 1:reqh 2:reqh 2:reqb" {
			t.Fatalf("pieces of %d: stages %q", n, c.stages())
		}
		big, cnt := c.events[0].unit, c.events[1].unit
		raw := buf(big, "http.header.raw")
		if buf(big, "http.uri") != "/big" || buf(big, "http.host") != "h" || len(raw) > cfg.MaxHeaderBytes || !strings.Contains(raw, "X-60: ") {
			t.Errorf("pieces of %d: uri %q host %q, %d header bytes", n, buf(big, "http.uri"), buf(big, "http.host"), len(raw))
		}
		if buf(big, "http.user_agent") != "<none>" || !slices.Equal(big.Events, []string{EventRequestTooManyHeaders}) {
			t.Errorf("pieces of %d: user agent past the limit %q, events %v", n, buf(big, "http.user_agent"), big.Events)
		}
		if got := strings.Count(buf(cnt, "http.header.raw"), "\r\n"); got != cfg.MaxHeaders+1 || !slices.Equal(cnt.Events, []string{EventRequestTooManyHeaders}) {
			t.Errorf("pieces of %d: %d header lines kept, events %v", n, got, cnt.Events)
		}
		if buf(c.events[3].unit, "http.request_body") != "abc" {
			t.Errorf("pieces of %d: next request's body %q", n, buf(c.events[3].unit, "http.request_body"))
		}
		if len(p.req.buf) != 0 {
			t.Errorf("pieces of %d: %d bytes still held", n, len(p.req.buf))
		}
	}
}

// A response head past the limits raises the response events and its
// body is still read.
func TestLongResponseHeader(t *testing.T) {
	c := run(t, DefaultConfig(), []chunk{req("GET / HTTP/1.1\r\n\r\n"),
		resp("HTTP/1.1 200 OK\r\nSet-Cookie: " + strings.Repeat("c", 20<<10) + "\r\nContent-Length: 2\r\n\r\nok")}, false)
	if c.stages() != "0:reqh 0:resph 0:respb" {
		t.Fatalf("stages %q", c.stages())
	}
	u := c.events[2].unit
	if buf(u, "http.response_body") != "ok" || !slices.Equal(u.Events, []string{EventResponseFieldTooLong}) {
		t.Errorf("body %q events %v", buf(u, "http.response_body"), u.Events)
	}
}

// A head held while it arrives never takes more than the head limit,
// however long its lines.
func TestHeadHeldBounded(t *testing.T) {
	cfg := DefaultConfig()
	p := NewParser(cfg, func(*Tx, Stage) {})
	p.Feed(inspect.ToServer, []byte("GET / HTTP/1.1\r\n"))
	piece := []byte(strings.Repeat("h", 1000) + ": " + strings.Repeat("v", 1000) + "\r\n")
	for range 5000 {
		p.Feed(inspect.ToServer, piece)
		if len(p.req.buf) > cfg.MaxHeaderBytes {
			t.Fatalf("%d bytes held", len(p.req.buf))
		}
	}
}

// A chunk-size line holds at most its start while it arrives: a long
// extension is read past, and a line without end is refused at the limit.
func TestChunkLineHeld(t *testing.T) {
	head := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	c, _ := feedSplit(t, DefaultConfig(), inspect.ToClient, head+"5;ext="+strings.Repeat("x", 5000)+"\r\nhello\r\n0\r\n\r\n", 100)
	if c.stages() != "0:resph 0:reqh 0:respb" || buf(c.events[2].unit, "http.response_body") != "hello" {
		t.Fatalf("stages %q", c.stages())
	}
	p := NewParser(DefaultConfig(), func(*Tx, Stage) {})
	p.Feed(inspect.ToClient, []byte(head))
	var err error
	for i := 0; err == nil && i < 1000; i++ {
		err = p.Feed(inspect.ToClient, []byte(strings.Repeat("1", 1000)))
		if len(p.resp.buf) > maxChunkLine {
			t.Fatalf("%d bytes of a chunk line held", len(p.resp.buf))
		}
	}
	if err == nil {
		t.Error("endless chunk-size line accepted")
	}
}
