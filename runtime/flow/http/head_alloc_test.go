package http

import (
	"fmt"
	"strings"
	"testing"
)

// TestParseHeadersAllocatesOnce: a head's headers take one allocation,
// the list sized from its lines, rather than a list regrown header by
// header.
func TestParseHeadersAllocatesOnce(t *testing.T) {
	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, "X-Header-%d: value %d\r\n", i, i)
	}
	raw := []byte(b.String() + "\r\n")
	var hs []Header
	if n := testing.AllocsPerRun(20, func() { hs, _ = parseHeaders(raw) }); n != 1 {
		t.Errorf("%v allocations for 12 headers, want 1", n)
	}
	if len(hs) != 12 || string(hs[11].Name) != "X-Header-11" || string(hs[11].Value) != "value 11" {
		t.Errorf("headers %q", hs)
	}
}
