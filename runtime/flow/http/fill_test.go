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
