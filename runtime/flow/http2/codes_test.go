package http2

import (
	"reflect"
	"testing"
)

// The http2.* keywords' codes come from the frames of the direction
// inspected: every type, GOAWAY/RST_STREAM error codes, PRIORITY and
// HEADERS weights, WINDOW_UPDATE increments (without the reserved bit)
// and settings by id.
func TestCodes(t *testing.T) {
	p := NewParser()
	p.Feed(true, []byte(Preface))
	b := frame(TypePriority, 0, 3, []byte{0, 0, 0, 0, 16})
	b = append(b, frame(TypeWindowUpdate, 0, 3, []byte{0x80, 0, 1, 0})...)
	b = append(b, frame(TypeRstStream, 0, 3, []byte{0, 0, 0, 8})...)
	txs := p.Feed(true, b)
	if len(txs) != 1 {
		t.Fatalf("%d transactions", len(txs))
	}
	want := map[string][]int64{"http2.frametype": {2, 8, 3}, "http2.priority": {16}, "http2.window": {256}, "http2.errorcode": {8}}
	if got := Codes(txs[0], 0); !reflect.DeepEqual(got, want) {
		t.Errorf("to server %v, want %v", got, want)
	}
	if got := Codes(txs[0], 1); len(got) != 0 {
		t.Errorf("to client %v, want none", got)
	}
	txs = p.Feed(false, frame(TypeSettings, 0, 0, settings(1, 4096, 3, 100)))
	want = map[string][]int64{"http2.frametype": {4}, "http2.settings.1": {4096}, "http2.settings.3": {100}}
	if got := Codes(txs[0], 1); !reflect.DeepEqual(got, want) {
		t.Errorf("settings %v, want %v", got, want)
	}
}
