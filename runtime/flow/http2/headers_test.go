package http2

import (
	"bytes"
	"reflect"
	"testing"

	"golang.org/x/net/http2/hpack"
)

// http2.header_name and http2.header take every decoded field of the
// direction's header frames, in order.
func TestHeaders(t *testing.T) {
	p := NewParser()
	var cb bytes.Buffer
	ce := hpack.NewEncoder(&cb)
	req := block(ce, &cb, ":method", "GET", ":path", "/", "user-agent", "ua/1")
	txs := p.Feed(true, append([]byte(Preface), frame(TypeHeaders, flagEndHeaders|flagEndStream, 1, req)...))
	if len(txs) != 1 {
		t.Fatalf("%d transactions", len(txs))
	}
	var got []string
	Headers(txs[0], 0, func(name, value []byte) { got = append(got, string(name)+"="+string(value)) })
	if want := []string{":method=GET", ":path=/", "user-agent=ua/1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("to server %v, want %v", got, want)
	}
	got = nil
	Headers(txs[0], 1, func(name, value []byte) { got = append(got, string(name)) })
	if len(got) != 0 {
		t.Errorf("to client %v, want none", got)
	}
}
