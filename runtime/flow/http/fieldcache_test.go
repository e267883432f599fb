package http

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestFieldsReusedUntilChanged: the EVE section of a transaction asked
// for again, unchanged, is the one built before (no allocation); once
// the response came, or more of its body, it is rebuilt with the new
// values, its strings not made again.
func TestFieldsReusedUntilChanged(t *testing.T) {
	var last *Tx
	p := NewParser(DefaultConfig(), func(tx *Tx, st Stage) { last = tx })
	p.Feed(inspect.ToServer, []byte("GET /page HTTP/1.1\r\nHost: example.com\r\nUser-Agent: ua/1\r\n\r\n"))
	tx := last
	if n := testing.AllocsPerRun(20, func() { tx.Fields() }); n != 0 {
		t.Errorf("Fields of an unchanged transaction: %v allocations, want 0", n)
	}
	before := tx.Fields()
	if before["url"] != "/page" || before["hostname"] != "example.com" || before["length"] != int64(0) || before["status"] != nil {
		t.Errorf("request fields %v", before)
	}
	p.Feed(inspect.ToClient, []byte("HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\nContent-Type: text/html; charset=x\r\n\r\n01234"))
	mid := tx.Fields()
	if mid["status"] != 404 || mid["length"] != int64(5) || mid["http_content_type"] != "text/html" || mid["url"] != "/page" {
		t.Errorf("fields with half the response body %v", mid)
	}
	if before["length"] != int64(0) || before["status"] != nil {
		t.Errorf("the earlier section changed: %v", before)
	}
	p.Feed(inspect.ToClient, []byte("56789"))
	if end := tx.Fields(); end["length"] != int64(10) {
		t.Errorf("fields after the body %v", end)
	}
	if n := testing.AllocsPerRun(20, func() { tx.Fields() }); n != 0 {
		t.Errorf("Fields of the finished transaction: %v allocations, want 0", n)
	}
}
