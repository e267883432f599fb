package http2

import (
	"bytes"
	"reflect"
	"testing"

	"golang.org/x/net/http2/hpack"
)

// Size updates are found wherever the block has them, past indexed
// fields and literals (with and without a literal name); the walk stops
// at a cut-short string or an integer past 2^64-1.
func TestSizeUpdates(t *testing.T) {
	for _, c := range []struct {
		name  string
		block []byte
		want  []uint64
	}{
		{"small", []byte{0x20}, []uint64{0}},
		{"multi-byte 4096", []byte{0x3f, 0xe1, 0x1f}, []uint64{4096}},
		{"two, then fields", []byte{0x20, 0x3f, 0xe1, 0x1f, 0x82, 0x84}, []uint64{0, 4096}},
		{"after literals", []byte{
			0x82,                 // indexed :method GET
			0x40, 1, 'a', 1, 'b', // incremental indexing, new name
			0x04, 1, '/', // without indexing, indexed name :path
			0x10, 1, 'c', 0x81, 0xff, // never indexed, Huffman value
			0x3f, 0x01, // size update 32
		}, []uint64{32}},
		{"cut string", []byte{0x20, 0x40, 5, 'a'}, []uint64{0}},
		{"cut integer", []byte{0x3f, 0xe1}, nil},
		{"ten continuation bytes read as 0", []byte{0x3f, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, []uint64{0}},
		{"overflow", []byte{0x3f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x3f, 0x01}, nil},
	} {
		if got := sizeUpdates(c.block); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// A HEADERS frame's table size update is an http2.size_update code of
// its direction and the first entry of the record's header list
// (table_size_update), before the decoded fields.
func TestSizeUpdateCodesAndRecord(t *testing.T) {
	p := NewParser()
	var buf bytes.Buffer
	enc := hpack.NewEncoder(&buf)
	enc.SetMaxDynamicTableSizeLimit(4096)
	enc.SetMaxDynamicTableSize(2048) // the next block starts with a size update
	req := block(enc, &buf, ":method", "GET", ":path", "/humans.txt")
	if req[0]&0xe0 != 0x20 {
		t.Fatalf("block does not start with a size update: % x", req)
	}
	txs := p.Feed(true, append([]byte(Preface), frame(TypeHeaders, flagEndHeaders|flagEndStream, 1, req)...))
	if len(txs) != 1 {
		t.Fatalf("%d transactions", len(txs))
	}
	if got := Codes(txs[0], 0)["http2.size_update"]; !reflect.DeepEqual(got, []int64{2048}) {
		t.Errorf("http2.size_update codes %v, want [2048]", got)
	}
	hs := Record(txs[0])["request_headers"].([]any)
	want := []any{map[string]any{"table_size_update": uint64(2048)},
		map[string]any{"name": ":method", "value": "GET"}, map[string]any{"name": ":path", "value": "/humans.txt"}}
	if !reflect.DeepEqual(hs, want) {
		t.Errorf("request_headers %v, want %v", hs, want)
	}
}
